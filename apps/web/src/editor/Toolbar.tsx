/**
 * @module Toolbar
 * The formatting bar above the page. Every button has a title with its keyboard shortcut, so
 * the shortcuts are discoverable.
 */
import { TOGGLE_LINK_COMMAND } from "@lexical/link";
import { useLexicalComposerContext } from "@lexical/react/LexicalComposerContext";
import { INSERT_HORIZONTAL_RULE_COMMAND } from "@lexical/react/LexicalHorizontalRuleNode";
import { INSERT_TABLE_COMMAND } from "@lexical/table";
import { mergeRegister } from "@lexical/utils";
import {
  CAN_REDO_COMMAND,
  CAN_UNDO_COMMAND,
  COMMAND_PRIORITY_LOW,
  FORMAT_TEXT_COMMAND,
  INDENT_CONTENT_COMMAND,
  KEY_DOWN_COMMAND,
  KEY_MODIFIER_COMMAND,
  OUTDENT_CONTENT_COMMAND,
  REDO_COMMAND,
  SELECTION_CHANGE_COMMAND,
  type TextFormatType,
  UNDO_COMMAND,
} from "lexical";
import type { TFunction } from "../i18n/translator.ts";
import { type JSX, useEffect, useRef, useState } from "react";
import { useTranslation } from "../i18n/use-translation.ts";
import { Icon } from "../ui/Icon.tsx";
import { applyBlockType } from "./block-format.ts";
import { insertImageFile } from "./insert-image-file.ts";
import { LinkEditor } from "./LinkEditor.tsx";
import { useRovingToolbar } from "./use-roving-toolbar.ts";
import { $readToolbarState, type BlockType, EMPTY_TOOLBAR_STATE, sameToolbarState, type ToolbarState } from "./toolbar-state.ts";

const blockLabels = (t: TFunction): Record<Exclude<BlockType, "bullet" | "number" | "check">, string> => ({
  paragraph: t("toolbar.block.paragraph"),
  h1: t("toolbar.block.h1"),
  h2: t("toolbar.block.h2"),
  h3: t("toolbar.block.h3"),
  quote: t("toolbar.block.quote"),
  code: t("toolbar.block.code"),
});

const isMac = typeof navigator !== "undefined" && /Mac|iPhone|iPad/.test(navigator.platform);
const mod = isMac ? "⌘" : "Ctrl+";

interface Props {
  onError(message: string): void;
}

export function Toolbar({ onError }: Props): JSX.Element {
  const { t } = useTranslation();
  const [editor] = useLexicalComposerContext();
  const [state, setState] = useState<ToolbarState>(EMPTY_TOOLBAR_STATE);
  const [canUndo, setCanUndo] = useState(false);
  const [canRedo, setCanRedo] = useState(false);
  const [linkOpen, setLinkOpen] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  // One Tab stop, arrow keys inside (ARIA toolbar pattern); Escape goes back to the page.
  const bar = useRovingToolbar(() => editor.focus());

  useEffect(() => {
    // Every keystroke is an editor update; keeping the previous state object while nothing the
    // toolbar shows changed spares a React render of the whole toolbar per key (bench F8).
    const show = (next: ToolbarState) => setState((prev) => (sameToolbarState(prev, next) ? prev : next));
    const refresh = () => editor.getEditorState().read(() => show($readToolbarState()));
    return mergeRegister(
      editor.registerUpdateListener(({ editorState }) => editorState.read(() => show($readToolbarState()))),
      editor.registerCommand(
        SELECTION_CHANGE_COMMAND,
        () => {
          refresh();
          return false;
        },
        COMMAND_PRIORITY_LOW,
      ),
      editor.registerCommand(
        KEY_MODIFIER_COMMAND,
        (event) => {
          // Ctrl/⌘+K: add a link to the selected words (the shortcut every editor uses).
          if (event.key.toLowerCase() !== "k" || !(event.ctrlKey || event.metaKey) || event.shiftKey || event.altKey) return false;
          event.preventDefault();
          setLinkOpen(true);
          return true;
        },
        COMMAND_PRIORITY_LOW,
      ),
      editor.registerCommand(
        KEY_DOWN_COMMAND,
        (event) => {
          // Alt+F10 (the convention of Word, Google Docs, TinyMCE): from the page to the bar.
          // Tab cannot leave the page: it indents (TabIndentationPlugin).
          if (event.key !== "F10" || !event.altKey) return false;
          event.preventDefault();
          bar.focusBar();
          return true;
        },
        COMMAND_PRIORITY_LOW,
      ),
      editor.registerCommand(
        CAN_UNDO_COMMAND,
        (p) => {
          setCanUndo(p);
          return false;
        },
        COMMAND_PRIORITY_LOW,
      ),
      editor.registerCommand(
        CAN_REDO_COMMAND,
        (p) => {
          setCanRedo(p);
          return false;
        },
        COMMAND_PRIORITY_LOW,
      ),
    );
  }, [editor, bar]);

  const format = (f: TextFormatType) => editor.dispatchCommand(FORMAT_TEXT_COMMAND, f);
  const block = (b: BlockType) => applyBlockType(editor, state.block, b);

  // The same checks and messages as a pasted or dropped picture (PictureFilesPlugin).
  const onPickImage = async (file: File | undefined) => {
    if (file) await insertImageFile(editor, file, onError);
  };

  const BLOCK_LABELS = blockLabels(t);
  const blockValue = state.block in BLOCK_LABELS ? state.block : "paragraph";
  return (
    <div ref={bar.ref} className="toolbar" role="toolbar" aria-keyshortcuts="Alt+F10" aria-label={t("toolbar.label")}>
      <Btn label={t("toolbar.undo")} title={t("toolbar.undoTitle", { keys: `${mod}Z` })} disabled={!canUndo} onClick={() => editor.dispatchCommand(UNDO_COMMAND, undefined)}>
        <Icon name="undo" />
      </Btn>
      <Btn label={t("toolbar.redo")} title={t("toolbar.redoTitle", { keys: `${mod}Shift+Z` })} disabled={!canRedo} onClick={() => editor.dispatchCommand(REDO_COMMAND, undefined)}>
        <Icon name="redo" />
      </Btn>
      <Sep />
      <select
        className="toolbar-select"
        aria-label={t("toolbar.textStyle")}
        value={blockValue}
        onChange={(e) => block(e.target.value as BlockType)}
      >
        {Object.entries(BLOCK_LABELS).map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
      <Sep />
      <Btn label={t("toolbar.bold")} title={t("toolbar.boldTitle", { keys: `${mod}B` })} active={state.bold} onClick={() => format("bold")}>
        <b>{t("toolbar.boldGlyph")}</b>
      </Btn>
      <Btn label={t("toolbar.italic")} title={t("toolbar.italicTitle", { keys: `${mod}I` })} active={state.italic} onClick={() => format("italic")}>
        <i>{t("toolbar.italicGlyph")}</i>
      </Btn>
      <Btn label={t("toolbar.underline")} title={t("toolbar.underlineTitle", { keys: `${mod}U` })} active={state.underline} onClick={() => format("underline")}>
        <u>{t("toolbar.underlineGlyph")}</u>
      </Btn>
      <Btn label={t("toolbar.strikethrough")} title={t("toolbar.strikethroughTitle")} active={state.strikethrough} onClick={() => format("strikethrough")}>
        <s>{t("toolbar.strikethroughGlyph")}</s>
      </Btn>
      <Btn label={t("toolbar.code")} title={t("toolbar.codeTitle")} active={state.code} onClick={() => format("code")}>
        <Icon name="code" />
      </Btn>
      <span className="toolbar-link-wrap">
        <Btn label={t("toolbar.link")} title={t("toolbar.linkTitle", { keys: `${mod}K` })} active={state.link} onClick={() => (state.link ? editor.dispatchCommand(TOGGLE_LINK_COMMAND, null) : setLinkOpen(true))}>
          <Icon name="link" />
        </Btn>
        {linkOpen && <LinkEditor onClose={() => setLinkOpen(false)} />}
      </span>
      <Sep />
      <Btn label={t("toolbar.bullets")} title={t("toolbar.bulletsTitle")} active={state.block === "bullet"} onClick={() => block("bullet")}>
        <Icon name="bullets" />
      </Btn>
      <Btn label={t("toolbar.numbers")} title={t("toolbar.numbersTitle")} active={state.block === "number"} onClick={() => block("number")}>
        <Icon name="numbers" />
      </Btn>
      <Btn label={t("toolbar.checklist")} title={t("toolbar.checklistTitle")} active={state.block === "check"} onClick={() => block("check")}>
        <Icon name="checklist" />
      </Btn>
      <Btn label={t("toolbar.outdent")} title={t("toolbar.outdentTitle")} onClick={() => editor.dispatchCommand(OUTDENT_CONTENT_COMMAND, undefined)}>
        <Icon name="outdent" />
      </Btn>
      <Btn label={t("toolbar.indent")} title={t("toolbar.indentTitle")} onClick={() => editor.dispatchCommand(INDENT_CONTENT_COMMAND, undefined)}>
        <Icon name="indent" />
      </Btn>
      <Sep />
      <Btn
        label={t("toolbar.table")}
        title={t("toolbar.tableTitle")}
        onClick={() => editor.dispatchCommand(INSERT_TABLE_COMMAND, { rows: "3", columns: "3", includeHeaders: { rows: true, columns: false } })}
      >
        <Icon name="table" />
      </Btn>
      <Btn label={t("toolbar.rule")} title={t("toolbar.ruleTitle")} onClick={() => editor.dispatchCommand(INSERT_HORIZONTAL_RULE_COMMAND, undefined)}>
        <Icon name="rule" />
      </Btn>
      <Btn label={t("toolbar.picture")} title={t("toolbar.pictureTitle")} onClick={() => fileInput.current?.click()}>
        <Icon name="image" />
      </Btn>
      <input
        ref={fileInput}
        type="file"
        accept="image/png,image/jpeg,image/gif,image/webp"
        hidden
        data-testid="image-input"
        onChange={(e) => {
          void onPickImage(e.target.files?.[0]);
          e.target.value = "";
        }}
      />
    </div>
  );
}

function Sep(): JSX.Element {
  return <span className="toolbar-sep" aria-hidden="true" />;
}

function Btn(props: {
  label: string;
  title: string;
  active?: boolean;
  disabled?: boolean;
  onClick(): void;
  children: React.ReactNode;
}): JSX.Element {
  return (
    <button
      type="button"
      className={`toolbar-btn${props.active ? " is-active" : ""}`}
      aria-label={props.label}
      aria-pressed={props.active ?? undefined}
      title={props.title}
      disabled={props.disabled}
      // Keep the editor's selection: a mousedown on a button would otherwise blur it.
      onMouseDown={(e) => e.preventDefault()}
      onClick={props.onClick}
    >
      {props.children}
    </button>
  );
}
