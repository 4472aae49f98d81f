// @vitest-environment jsdom
/**
 * useTranslation re-renders a component when the language changes, and hands it a `t` bound
 * to the new language (a new function, so effects listing `t` re-run).
 */
// `react` resolves to preact/compat here as in the app (apps/web/build/preact-aliases.ts);
// preact keeps `act` in its test utilities, not in compat.
import { act } from "preact/test-utils";
import { createElement, useEffect } from "react";
import { createRoot } from "react-dom/client";
import { afterEach, describe, expect, it } from "vitest";
import { i18n } from "./instance.ts";
import { type TFunction, useTranslation } from "./use-translation.ts";

const effectTs: TFunction[] = [];
function Title() {
  const { t, i18n: instance } = useTranslation();
  useEffect(() => {
    effectTs.push(t);
  }, [t]);
  return createElement("p", { lang: instance.language }, t("doc.untitled"));
}

describe("useTranslation", () => {
  afterEach(() => i18n.changeLanguage("en"));

  it("re-renders in the new language and gives a new t per language", () => {
    i18n.addCatalog("fr", { doc: { untitled: "Sans titre" } });
    const host = document.createElement("div");
    const root = createRoot(host);
    act(() => root.render(createElement(Title)));
    const english = host.textContent;
    expect(english).not.toBe("doc.untitled");
    act(() => i18n.changeLanguage("fr"));
    expect(host.innerHTML).toBe('<p lang="fr">Sans titre</p>');
    act(() => i18n.changeLanguage("en"));
    expect(host.textContent).toBe(english);
    expect(effectTs).toHaveLength(3);
    expect(effectTs[0]).toBe(effectTs[2]);
    act(() => root.unmount());
  });
});
