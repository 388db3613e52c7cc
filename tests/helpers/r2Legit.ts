// Legitimate text that only looks encoded (R2 must accept it): identifiers DSLs type, links, prose in several languages, emoji.

export interface LegitText {
  name: string;
  text: string;
}

const FP = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
const fpGroups = (fp: string): string => (fp.match(/.{4}/g) ?? []).join(' ');

export const LEGIT_TEXTS: readonly LegitText[] = [
  { name: 'an IMEI', text: 'IMEI 356938035643809, seen on the box, not on the phone.' },
  { name: 'an IMEISV grouped', text: 'IMEI/SV: 35-693803-564380-01' },
  { name: 'two IMEIs (dual SIM)', text: 'IMEI 1: 356938035643809\nIMEI 2: 356938035643817' },
  {
    name: 'serial numbers',
    text: 'Serial C02XG0FDJG5J (laptop), R58M123ABCD (phone), DMPXK1234567 (tablet).',
  },
  { name: 'an exhibit reference', text: 'Exhibit CS-123456-2026-001 sealed in bag 00451.' },
  {
    name: 'several exhibit references',
    text: 'CS-123456-2026-001, CS-123456-2026-002, CS-123456-2026-003, CS-123456-2026-004',
  },
  {
    name: 'long police references',
    text: 'Crime ref NWP/2026/0123456789; CAD 1234 01/12/26; incident 42/123456/26; MPS-20260112-0042; log 6029384/26.',
  },
  { name: 'a UPN', text: 'UPN A12345678901B (from the MIS).' },
  { name: 'a SHA-256 fingerprint as CaseSeal shows it', text: `Fingerprint: ${fpGroups(FP)}` },
  { name: 'a SHA-256 fingerprint as one string', text: `manifest sha256 ${FP}` },
  {
    name: 'a fingerprint as colon pairs',
    text: `SHA256 ${(FP.match(/../g) ?? []).join(':').toUpperCase()}`,
  },
  {
    name: 'the school key and an export fingerprint together',
    text: `School key ${fpGroups(FP)}\nExport ${fpGroups('9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08')}`,
  },
  { name: 'a UUID', text: 'Record 123e4567-e89b-12d3-a456-426614174000 corrected.' },
  { name: 'a YouTube link', text: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=42s' },
  {
    name: 'a TikTok link',
    text: 'https://www.tiktok.com/@someaccount.name/video/7312345678901234567?is_from_webapp=1&sender_device=pc',
  },
  {
    name: 'a Google Docs link',
    text: 'https://docs.google.com/document/d/1aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789abcdEFG/edit?usp=sharing',
  },
  {
    name: 'an Outlook safe link',
    text: 'https://eur01.safelinks.protection.outlook.com/?url=https%3A%2F%2Fexample.org%2Fpolicy&data=05%7C02%7Cdsl%40school.sch.uk%7C1a2b3c4d5e6f47a8b9c0d1e2f3a4b5c6%7C0%7C0%7C638700000000000000%7CUnknown%7CTWFpbGZsb3d8eyJWIjoiMC4wLjAwMDAiLCJQIjoiV2luMzIiLCJBTiI6Ik1haWwiLCJXVCI6Mn0%3D%7C0%7C%7C%7C&sdata=q6v3kYxF0b9tGz%2B1mR2c7Yw4pLh8sNn5aJd0eXuQ%2Fio%3D&reserved=0',
  },
  {
    name: 'a Wikipedia link in Arabic',
    text: 'https://ar.wikipedia.org/wiki/%D8%AD%D9%85%D8%A7%D9%8A%D8%A9_%D8%A7%D9%84%D8%B7%D9%81%D9%84',
  },
  {
    name: 'a Snapchat and an Instagram link',
    text: 'https://www.snapchat.com/add/some.user and https://www.instagram.com/p/C0aBcDeFgHi/',
  },
  {
    name: 'Welsh',
    text: "Dywedodd y plentyn fod neges wedi'i hanfon ato ar nos Fawrth. Mae'r ŵyr yn byw yng Nghaerdydd; ŷd, ŵy. Llanfairpwllgwyngyllgogerychwyrndrobwllllantysiliogogogoch.",
  },
  {
    name: 'Polish',
    text: 'Zażółć gęślą jaźń. Dziecko powiedziało, że otrzymało wiadomość od nieznajomego. Konstantynopolitańczykowianeczka.',
  },
  { name: 'Urdu', text: 'بچے نے بتایا کہ اسے ایک پیغام بھیجا گیا تھا۔ والدین کو مطلع کر دیا گیا۔' },
  { name: 'Arabic', text: 'قال الطفل إنه تلقى رسالة من شخص غريب يوم الثلاثاء. تم إبلاغ الوالدين.' },
  { name: 'Chinese', text: '孩子说他在星期二晚上收到了一条陌生人的信息。我们没有查看图片。' },
  { name: 'emoji', text: 'She sent 😀👍🏽 and then ❤️‍🔥 — nothing else 🙈🙉🙊 👨‍👩‍👧‍👦🏳️‍🌈' },
  {
    name: 'an English account with numbers',
    text: 'At 08:15 on 01/12/2026 the pupil (Year 9, age 14) said she had 3 messages, 2 of them at 22:40. Room B12; phone ext. 2041; £5.50 lunch money.',
  },
  {
    name: 'an email address and a phone number',
    text: 'Contact mash.referrals@council.gov.uk or 0300 123 4567 (out of hours 07700 900123).',
  },
  { name: 'a postcode and a URN', text: 'School URN 123456, CF10 3NQ.' },
  {
    name: 'a long German compound and camelCase',
    text: 'Donaudampfschifffahrtsgesellschaftskapitän; the app was called SnapChatStoryViewerProMax2024.',
  },
  { name: 'a hashtag and a handle', text: '#SaferInternetDay2026 @school_safeguarding_team' },
  {
    name: 'text from a word processor (no-break spaces, curly quotes, soft hyphens)',
    text: 'On Tuesday\u00a014\u00a0November the pupil said \u2018it\u2019s been sent round\u2019 \u2013 twice\u2026 Mr\u00a0Hale\u00adworth saw it at 10:15\u00a0am.',
  },
  {
    name: 'a list of four-letter names',
    text: 'Seen by: Ruth, Jack, Emma, Owen, Lily, Mark, Noah, Isla, Leah, Evie, Jude, Cody, Ella, Finn, Zara, Theo, Nate, Rosa, Kate, Hugo, Joel, Maya, Amir, Omar.',
  },
  {
    name: 'Japanese with full-width letters and digits',
    text: '\uff12\uff10\uff12\uff16\u5e74\uff11\uff11\u6708\u3001\uff33\uff2e\uff33\u3067\u753b\u50cf\u304c\u9001\u3089\u308c\u305f\u3002\uff29\uff24\u306f\uff21\uff22\uff23\uff24\uff11\uff12\uff13\uff14\u3067\u3059\u3002',
  },
  {
    name: 'ligatures and symbols',
    text: 'The \ufb01le was \ufb02agged. \u00bd of the class saw it; \u2122 and \u00a9 aside.',
  },
  {
    name: 'numbered points and pairs of marks in brackets',
    text: 'Points (1) (2) (3) (4) (5) (6) (7) (8) (9) (10) were raised. Marks [12, 15], [18, 20], [9, 11], [14, 17], [16, 19].',
  },
];
