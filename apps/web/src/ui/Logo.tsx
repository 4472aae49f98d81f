/**
 * @module Logo
 * The Quire mark (same drawing as public/icon.svg).
 */
import type { JSX } from "react";

export function Logo({ size = 28 }: { size?: number }): JSX.Element {
  return (
    <svg width={size} height={size} viewBox="0 0 512 512" aria-hidden="true" className="logo">
      <rect width="512" height="512" rx="112" fill="#3b5bdb" />
      <path d="M152 128h168a40 40 0 0 1 40 40v216H192a40 40 0 0 1-40-40z" fill="#fff" />
      <path d="M192 192h120M192 240h120M192 288h80" stroke="#3b5bdb" strokeWidth="24" strokeLinecap="round" />
      <circle cx="356" cy="372" r="52" fill="#ffd43b" stroke="#3b5bdb" strokeWidth="16" />
      <path d="M334 372l16 16 28-30" fill="none" stroke="#3b5bdb" strokeWidth="14" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
