console.log("cli build placeholder until verifier lands")
