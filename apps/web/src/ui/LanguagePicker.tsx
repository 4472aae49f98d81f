/**
 * @module LanguagePicker
 * Chooses the interface language on this device (remembered in localStorage `quire.language`).
 * A native <select>: keyboard, screen readers and phones handle it without extra code. Each
 * option is the language's own name, so a student finds theirs in any interface language.
 */
import { type JSX, useState } from "react";
import { useTranslation } from "../i18n/use-translation.ts";
import { changeLanguage, currentLanguage } from "../i18n/i18n.ts";
import { isShippedLanguage, LANGUAGE_AUTONYMS, SHIPPED_LANGUAGES } from "../i18n/languages.ts";
import "./styles/language-picker.css";

export function LanguagePicker({ className }: { className?: string }): JSX.Element {
  const { t } = useTranslation();
  const [failed, setFailed] = useState(false);
  return (
    <label className={`language-picker ${className ?? ""}`}>
      <span className="language-picker-label">{t("language.label")}</span>
      <select
        value={currentLanguage()}
        data-testid="language-picker"
        onChange={(event) => {
          const lang = event.target.value;
          if (!isShippedLanguage(lang)) return;
          setFailed(false);
          changeLanguage(lang).catch(() => setFailed(true));
        }}
      >
        {SHIPPED_LANGUAGES.map((lang) => (
          <option key={lang} value={lang} lang={lang}>
            {LANGUAGE_AUTONYMS[lang] ?? lang}
          </option>
        ))}
      </select>
      {failed ? <span role="alert">{t("language.loadFailed")}</span> : null}
    </label>
  );
}
