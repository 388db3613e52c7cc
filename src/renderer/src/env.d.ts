// Module declarations for the renderer build (Vite handles CSS imports).
declare module '*.css';
