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
import { type JSX, useEffect, useRef, useState } from "react";
import { Icon } from "../ui/Icon.tsx";
import { applyBlockType } from "./block-format.ts";
import { insertImageFile } from "./insert-image-file.ts";
import { LinkEditor } from "./LinkEditor.tsx";
import { useRovingToolbar } from "./use-roving-toolbar.ts";
import { $readToolbarState, type BlockType, EMPTY_TOOLBAR_STATE, sameToolbarState, type ToolbarState } from "./toolbar-state.ts";

const BLOCK_LABELS: Record<Exclude<BlockType, "bullet" | "number" | "check">, string> = {
  paragraph: "Normal text",
  h1: "Heading 1",
  h2: "Heading 2",
  h3: "Heading 3",
  quote: "Quote",
  code: "Code block",
};

const isMac = typeof navigator !== "undefined" && /Mac|iPhone|iPad/.test(navigator.platform);
const mod = isMac ? "⌘" : "Ctrl+";

interface Props {
  onError(message: string): void;
}

export function Toolbar({ onError }: Props): JSX.Element {
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

  const blockValue = state.block in BLOCK_LABELS ? state.block : "paragraph";
  return (
    <div ref={bar.ref} className="toolbar" role="toolbar" aria-keyshortcuts="Alt+F10" aria-label="Formatting">
      <Btn label="Undo" title={`Undo (${mod}Z)`} disabled={!canUndo} onClick={() => editor.dispatchCommand(UNDO_COMMAND, undefined)}>
        <Icon name="undo" />
      </Btn>
      <Btn label="Redo" title={`Redo (${mod}Shift+Z)`} disabled={!canRedo} onClick={() => editor.dispatchCommand(REDO_COMMAND, undefined)}>
        <Icon name="redo" />
      </Btn>
      <Sep />
      <select
        className="toolbar-select"
        aria-label="Text style"
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
      <Btn label="Bold" title={`Bold (${mod}B)`} active={state.bold} onClick={() => format("bold")}>
        <b>B</b>
      </Btn>
      <Btn label="Italic" title={`Italic (${mod}I)`} active={state.italic} onClick={() => format("italic")}>
        <i>I</i>
      </Btn>
      <Btn label="Underline" title={`Underline (${mod}U)`} active={state.underline} onClick={() => format("underline")}>
        <u>U</u>
      </Btn>
      <Btn label="Strikethrough" title="Strikethrough (type ~~text~~)" active={state.strikethrough} onClick={() => format("strikethrough")}>
        <s>S</s>
      </Btn>
      <Btn label="Inline code" title="Code (type `text`)" active={state.code} onClick={() => format("code")}>
        <Icon name="code" />
      </Btn>
      <span className="toolbar-link-wrap">
        <Btn label="Link" title={`Link (${mod}K)`} active={state.link} onClick={() => (state.link ? editor.dispatchCommand(TOGGLE_LINK_COMMAND, null) : setLinkOpen(true))}>
          <Icon name="link" />
        </Btn>
        {linkOpen && <LinkEditor onClose={() => setLinkOpen(false)} />}
      </span>
      <Sep />
      <Btn label="Bulleted list" title="Bulleted list (type - )" active={state.block === "bullet"} onClick={() => block("bullet")}>
        <Icon name="bullets" />
      </Btn>
      <Btn label="Numbered list" title="Numbered list (type 1. )" active={state.block === "number"} onClick={() => block("number")}>
        <Icon name="numbers" />
      </Btn>
      <Btn label="Checklist" title="Checklist (type [ ] )" active={state.block === "check"} onClick={() => block("check")}>
        <Icon name="checklist" />
      </Btn>
      <Btn label="Indent less" title="Indent less (Shift+Tab)" onClick={() => editor.dispatchCommand(OUTDENT_CONTENT_COMMAND, undefined)}>
        <Icon name="outdent" />
      </Btn>
      <Btn label="Indent more" title="Indent more (Tab)" onClick={() => editor.dispatchCommand(INDENT_CONTENT_COMMAND, undefined)}>
        <Icon name="indent" />
      </Btn>
      <Sep />
      <Btn
        label="Insert table"
        title="Insert a table"
        onClick={() => editor.dispatchCommand(INSERT_TABLE_COMMAND, { rows: "3", columns: "3", includeHeaders: { rows: true, columns: false } })}
      >
        <Icon name="table" />
      </Btn>
      <Btn label="Insert line" title="Insert a line (type --- and a space)" onClick={() => editor.dispatchCommand(INSERT_HORIZONTAL_RULE_COMMAND, undefined)}>
        <Icon name="rule" />
      </Btn>
      <Btn label="Insert picture" title="Insert a picture (up to 1 MB)" onClick={() => fileInput.current?.click()}>
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
