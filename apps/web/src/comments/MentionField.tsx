/**
 * @module MentionField
 * A comment's text box with the `@` mention picker (issue 15): typing "@" and the start of a
 * name offers the members who may read the document (doc-readers.ts: the relay's list, or the
 * device's copy offline). ARIA combobox pattern: the textarea is the combobox, the offers a
 * listbox; ↓/↑ move through them (aria-activedescendant, focus stays in the text), Enter or
 * Tab picks, Escape closes the list. A pick writes "@Name " into the text; the mentioned
 * members (ids, found by name in the final text with findMentions) go to the caller with
 * every change, so a mention typed out in full counts too.
 *
 * A chunk of its own (loaded with the panel's first text box, kept for offline use by the
 * service worker's runtime cache): the precached comments panel stays small.
 */
import { findMentions, type Mentionable, mentionCandidates } from "@quire/comments";
import { type JSX, type KeyboardEvent, useEffect, useId, useRef, useState } from "react";
import type { RelayAccess } from "../history/relay-access.ts";
import { loadReaders } from "./doc-readers.ts";
import "./mention-field.css";

export interface MentionFieldProps {
  id?: string;
  value: string;
  rows: number;
  placeholder: string;
  label?: string;
  autoFocus?: boolean;
  docName: string;
  relay: RelayAccess;
  onChange(value: string, mentions: string[]): void;
}

/** Lists per document, shared by every box of the panel (fetched once per document and visit). */
const lists = new Map<string, Promise<Mentionable[]>>();

/** The "@name" being typed just before the caret, or null. Names may hold spaces. */
function typedMention(text: string, caret: number): { at: number; prefix: string } | null {
  const match = /(?:^|\s)@([^\s@][^@\n]{0,40})?$/u.exec(text.slice(0, caret));
  if (!match) return null;
  const prefix = match[1] ?? "";
  return { at: caret - prefix.length - 1, prefix };
}

export function MentionField(props: MentionFieldProps): JSX.Element {
  const { docName, relay } = props;
  const [members, setMembers] = useState<Mentionable[]>([]);
  const [offers, setOffers] = useState<Mentionable[]>([]);
  const [active, setActive] = useState(0);
  const field = useRef<HTMLTextAreaElement>(null);
  const listId = useId();
  useEffect(() => {
    let live = true;
    let list = lists.get(docName);
    if (!list) {
      list = loadReaders(docName, relay.token);
      lists.set(docName, list);
      // A failed load is forgotten so the next box asks again.
      void list.then((found) => found.length === 0 && lists.delete(docName));
    }
    void list.then((found) => {
      if (!live) return;
      setMembers(found);
      // She may have typed "@Be" before the list arrived: offer for what is typed now.
      const box = field.current;
      const typed = box && box.ownerDocument.activeElement === box ? typedMention(box.value, box.selectionStart) : null;
      if (typed) {
        setOffers(mentionCandidates(typed.prefix, found));
        setActive(0);
      }
    });
    return () => {
      live = false;
    };
  }, [docName, relay]);
  useEffect(() => {
    if (props.autoFocus) field.current?.focus();
  }, [props.autoFocus]);

  const change = (value: string, caret: number) => {
    const typed = typedMention(value, caret);
    const next = typed ? mentionCandidates(typed.prefix, members) : [];
    setOffers(next);
    setActive(0);
    props.onChange(value, findMentions(value, members));
  };
  const pick = (member: Mentionable) => {
    const box = field.current;
    if (!box) return;
    const caret = box.selectionStart;
    const typed = typedMention(props.value, caret);
    if (!typed) return;
    const value = `${props.value.slice(0, typed.at)}@${member.name} ${props.value.slice(caret)}`;
    const after = typed.at + member.name.length + 2;
    setOffers([]);
    props.onChange(value, findMentions(value, members));
    requestAnimationFrame(() => box.setSelectionRange(after, after));
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (offers.length === 0) return;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      setActive((i) => (i + (event.key === "ArrowDown" ? 1 : offers.length - 1)) % offers.length);
    } else if (event.key === "Enter" || event.key === "Tab") {
      event.preventDefault();
      const member = offers[active];
      if (member) pick(member);
    } else if (event.key === "Escape") {
      // Closes the list only, not the panel.
      event.stopPropagation();
      setOffers([]);
    }
  };
  const open = offers.length > 0;
  return (
    <div className="mention-field">
      <textarea
        ref={field}
        id={props.id}
        value={props.value}
        dir="auto"
        rows={props.rows}
        placeholder={props.placeholder}
        aria-label={props.label}
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={listId}
        aria-activedescendant={open ? `${listId}-${active}` : undefined}
        onChange={(e) => change(e.target.value, e.target.selectionStart)}
        onKeyDown={onKeyDown}
        onBlur={() => setOffers([])}
      />
      {/* Options stay out of the tab order: focus stays in the text (aria-activedescendant). */}
      <div id={listId} role="listbox" className="mention-offers" hidden={!open}>
        {offers.map((member, i) => (
          <div
            key={member.sub}
            id={`${listId}-${i}`}
            role="option"
            tabIndex={-1}
            aria-selected={i === active}
            dir="auto"
            // Before the textarea's blur closes the list.
            onMouseDown={(e) => {
              e.preventDefault();
              pick(member);
            }}
          >
            {member.name}
          </div>
        ))}
      </div>
    </div>
  );
}
