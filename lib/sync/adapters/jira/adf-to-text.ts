import "server-only";

/**
 * Atlassian Document Format (the JSON rich text Jira Cloud REST v3 uses for descriptions and comments)
 * to plain text and back. We store and search plain text, so the conversion keeps the words and the
 * shape a reader needs (paragraphs, lists, quotes, code) and drops the styling. It never throws: a
 * remote record with an odd description must still sync, so anything unexpected is read as its
 * children's text, or as nothing.
 */

/** An ADF document as we send it (comments). */
export interface AdfDoc {
  version: 1;
  type: "doc";
  content: AdfNode[];
}

export interface AdfNode {
  type: string;
  text?: string;
  attrs?: Record<string, unknown>;
  marks?: { type: string; attrs?: Record<string, unknown> }[];
  content?: AdfNode[];
}

/** Inline nodes are concatenated; everything else is a block and gets its own lines. */
const INLINE_TYPES = new Set([
  "text",
  "hardBreak",
  "mention",
  "emoji",
  "inlineCard",
  "date",
  "status",
  "mediaInline",
  "placeholder",
  "inlineExtension",
]);

/** A hostile or corrupt document must not blow the stack. */
const MAX_DEPTH = 64;

type Node = Record<string, unknown>;

const isNode = (v: unknown): v is Node => typeof v === "object" && v !== null && !Array.isArray(v);
const childrenOf = (node: Node): unknown[] => (Array.isArray(node.content) ? node.content : []);
const attrsOf = (node: Node): Node => (isNode(node.attrs) ? node.attrs : {});
const str = (v: unknown): string => (typeof v === "string" ? v : "");

/**
 * Plain text of an ADF document. A string (what REST v2 and some custom fields return) is passed
 * through; null, undefined and anything else unreadable become "".
 */
export function adfToText(doc: unknown): string {
  try {
    if (typeof doc === "string") return doc;
    if (!isNode(doc)) return "";
    return tidy(renderNode(doc, 0));
  } catch {
    // Belt and braces: the renderer guards every access, but a description is never worth a failed run.
    return "";
  }
}

/** A comment body from plain text: one paragraph per line (ADF text nodes may not be empty). */
export function textToAdf(text: string): AdfDoc {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  return {
    version: 1,
    type: "doc",
    content: lines.map((line) => ({ type: "paragraph", content: line ? [{ type: "text", text: line }] : [] })),
  };
}

function renderNode(node: Node, depth: number): string {
  if (depth > MAX_DEPTH) return "";
  const attrs = attrsOf(node);
  switch (node.type) {
    case "text":
      return renderText(node);
    case "hardBreak":
      return "\n";
    case "mention":
      return str(attrs.text);
    case "emoji":
      return str(attrs.text) || str(attrs.shortName);
    case "inlineCard":
    case "blockCard":
    case "embedCard":
      return str(attrs.url) || str(isNode(attrs.data) ? attrs.data.url : undefined);
    case "status":
      return str(attrs.text);
    case "date":
      return renderDate(attrs.timestamp);
    case "rule":
      return "---";
    case "paragraph":
    case "heading":
      return renderInline(childrenOf(node), depth);
    case "codeBlock": {
      const code = childrenOf(node)
        .map((c) => (isNode(c) ? str(c.text) : ""))
        .join("");
      return "```" + str(attrs.language) + "\n" + code + "\n```";
    }
    case "blockquote":
      return prefixLines(renderBlocks(childrenOf(node), depth, "\n\n"), "> ", "> ");
    case "bulletList":
      return renderList(childrenOf(node), depth, () => "- ");
    case "orderedList": {
      const start = typeof attrs.order === "number" && Number.isInteger(attrs.order) ? attrs.order : 1;
      return renderList(childrenOf(node), depth, (i) => `${start + i}. `);
    }
    case "taskList":
      return renderList(childrenOf(node), depth, () => "");
    case "taskItem":
      return (attrs.state === "DONE" ? "[x] " : "[ ] ") + renderInline(childrenOf(node), depth);
    case "table":
      return renderBlocks(childrenOf(node), depth, "\n");
    case "tableRow":
      return childrenOf(node)
        .map((cell) => (isNode(cell) ? renderBlocks(childrenOf(cell), depth + 1, " ") : ""))
        .join(" | ");
    default:
      return renderChildren(childrenOf(node), depth);
  }
}

/** A link is kept as its address: in plain text the address is the only useful part of it. */
function renderText(node: Node): string {
  const text = str(node.text);
  const marks = Array.isArray(node.marks) ? node.marks : [];
  const link = marks.find((m) => isNode(m) && m.type === "link");
  const href = link && isNode(link) ? str(attrsOf(link).href) : "";
  if (!href || href === text) return text;
  return text ? `${text} (${href})` : href;
}

function renderDate(timestamp: unknown): string {
  // ADF dates are UTC epoch milliseconds, as a string.
  const ms = typeof timestamp === "number" ? timestamp : str(timestamp).trim() ? Number(timestamp) : NaN;
  if (!Number.isFinite(ms)) return "";
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? "" : date.toISOString().slice(0, 10);
}

function renderInline(children: unknown[], depth: number): string {
  return children.map((c) => (isNode(c) ? renderNode(c, depth + 1) : "")).join("");
}

/** Empty blocks (spacer paragraphs) are dropped, so they do not pile up blank lines. */
function renderBlocks(children: unknown[], depth: number, separator: string): string {
  return children
    .map((c) => (isNode(c) ? renderNode(c, depth + 1) : ""))
    .filter((s) => s.trim() !== "")
    .join(separator);
}

/** An unknown node: its children as inline text when they are all inline, else as blocks. */
function renderChildren(children: unknown[], depth: number): string {
  const allInline = children.every((c) => isNode(c) && typeof c.type === "string" && INLINE_TYPES.has(c.type));
  return allInline ? renderInline(children, depth) : renderBlocks(children, depth, "\n\n");
}

/** One line per item; an item's further lines (nested lists, second paragraphs) are indented under it. */
function renderList(items: unknown[], depth: number, marker: (index: number) => string): string {
  const lines: string[] = [];
  items.forEach((item, i) => {
    if (!isNode(item)) return;
    const body =
      item.type === "listItem" ? renderBlocks(childrenOf(item), depth + 1, "\n") : renderNode(item, depth + 1);
    const m = marker(i);
    lines.push(prefixLines(body, m, " ".repeat(m.length || 2)));
  });
  return lines.join("\n");
}

function prefixLines(text: string, first: string, rest: string): string {
  return text
    .split("\n")
    .map((line, i) => (i === 0 ? first : rest) + line)
    .join("\n");
}

function tidy(text: string): string {
  return text
    .split("\n")
    .map((line) => line.replace(/[ \t]+$/, ""))
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}
