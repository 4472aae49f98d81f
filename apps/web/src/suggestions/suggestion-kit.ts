/**
 * @module suggestion-kit
 * What the lazily loaded suggestion chunk (SuggestionsPlugin) needs of Lexical and of the
 * editor's Yjs↔DOM mapping, handed over from the editor chunk. Why not imported there: the
 * bundler (rolldown) has no "already loaded" analysis, so a lazy chunk importing Lexical
 * moves Lexical into a third chunk shared by both (+5.6 KB on the first visit; see
 * src/transfer/load-transfer.ts). Passing these references costs the editor chunk a few bytes.
 */
import {
  $getSelection,
  $isRangeSelection,
  $isTextNode,
  COMMAND_PRIORITY_CRITICAL,
  CONTROLLED_TEXT_INSERTION_COMMAND,
  COPY_COMMAND,
  CUT_COMMAND,
  DELETE_CHARACTER_COMMAND,
  DELETE_LINE_COMMAND,
  DELETE_WORD_COMMAND,
  INSERT_LINE_BREAK_COMMAND,
  INSERT_PARAGRAPH_COMMAND,
  PASTE_COMMAND,
  REMOVE_TEXT_COMMAND,
} from "lexical";
import { $textPointToY, $yToDomPoint } from "../comments/lexical-anchor.ts";

export const SUGGESTION_KIT = {
  $getSelection,
  $isRangeSelection,
  $isTextNode,
  $textPointToY,
  $yToDomPoint,
  CRITICAL: COMMAND_PRIORITY_CRITICAL as typeof COMMAND_PRIORITY_CRITICAL,
  /** Deleting commands: their payload is `isBackward`; the value is the extent of a collapsed caret's deletion. */
  deleting: [
    [DELETE_CHARACTER_COMMAND, "character"],
    [DELETE_WORD_COMMAND, "word"],
    [DELETE_LINE_COMMAND, "lineboundary"],
  ] as const,
  /** Commands that replace a selection: the selection is proposed for deletion first, then they run. */
  replacing: [CONTROLLED_TEXT_INSERTION_COMMAND, PASTE_COMMAND, INSERT_PARAGRAPH_COMMAND, INSERT_LINE_BREAK_COMMAND] as const,
  REMOVE_TEXT_COMMAND,
  CUT_COMMAND,
  COPY_COMMAND,
};

export type SuggestionKit = typeof SUGGESTION_KIT;
