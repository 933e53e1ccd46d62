import { parseDocument } from 'htmlparser2';
import {
  type Element,
  type Node,
  type NodeWithChildren,
  isTag,
  isText,
} from 'domhandler';

/** One heading of a page and the text under it, up to the next heading of any level. */
export type PageSection = {
  /** 1–6 for a heading, 0 for text before the page's first heading. */
  level: number;
  /** The heading's text; `''` for text before the first heading. */
  title: string;
  /** The heading's `id`; `''` for text before the first heading. */
  anchor: string;
  /** The titles of the headings this one is under, outermost first. */
  ancestors: string[];
  /** The section's own text: tags stripped, code kept, whitespace collapsed. */
  text: string;
};

/** A rendered TechDocs page, split into its sections. */
export type SplitPage = {
  sections: PageSection[];
  /**
   * The page's own last-update date when the page shows one (MkDocs'
   * git-revision-date-localized plugin), as an ISO 8601 string.
   */
  lastUpdated?: string;
};

/** Elements whose content is never text a reader searches for. */
const SKIPPED_TAGS = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'iframe',
  'object',
  'svg',
  'button',
  'input',
  'select',
  'textarea',
  'nav',
]);

/** Material/MkDocs chrome inside the content: permalinks, edit buttons, the last-update box. */
const SKIPPED_CLASSES = [
  'headerlink',
  'md-content__button',
  'md-source-file',
  'md-source-date',
];

/** Elements after which words must not run together. */
const BLOCK_TAGS = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'br',
  'dd',
  'details',
  'div',
  'dl',
  'dt',
  'figcaption',
  'figure',
  'footer',
  'header',
  'hr',
  'li',
  'main',
  'ol',
  'p',
  'pre',
  'section',
  'summary',
  'table',
  'td',
  'th',
  'tr',
  'ul',
]);

const HEADING = /^h([1-6])$/;

/** Bounds on what one hostile or huge page can make the collator hold. */
const MAX_SECTIONS_PER_PAGE = 1000;
const MAX_SECTION_CHARS = 20_000;

function classes(element: Element): string[] {
  return (element.attribs.class ?? '').split(/\s+/).filter(Boolean);
}

function isSkipped(element: Element): boolean {
  if (SKIPPED_TAGS.has(element.name)) return true;
  const own = classes(element);
  return SKIPPED_CLASSES.some(c => own.includes(c));
}

function findFirst(
  nodes: Node[],
  predicate: (element: Element) => boolean,
): Element | undefined {
  for (const node of nodes) {
    if (!isTag(node)) continue;
    if (predicate(node)) return node;
    const inner = findFirst(node.children, predicate);
    if (inner) return inner;
  }
  return undefined;
}

/**
 * The part of the page that holds the document: Material's (and TechDocs') article, the
 * MkDocs theme's `role="main"`, `<main>`, or the whole body for other themes.
 */
function contentRoot(root: NodeWithChildren): NodeWithChildren {
  return (
    findFirst(
      root.children,
      e => e.name === 'article' && classes(e).includes('md-content__inner'),
    ) ??
    findFirst(root.children, e => e.attribs.role === 'main') ??
    findFirst(root.children, e => e.name === 'main') ??
    findFirst(root.children, e => e.name === 'body') ??
    root
  );
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** The text of an element, skipping chrome, with a space after each block. */
function textOf(node: Node, out: string[]): void {
  if (isText(node)) {
    out.push(node.data);
    return;
  }
  if (!isTag(node) || isSkipped(node)) return;
  for (const child of node.children) textOf(child, out);
  if (BLOCK_TAGS.has(node.name)) out.push(' ');
}

function lastUpdatedOf(root: NodeWithChildren): string | undefined {
  const date = findFirst(root.children, e =>
    classes(e).some(c => c.startsWith('git-revision-date-localized-plugin')),
  );
  if (!date) return undefined;
  const parts: string[] = [];
  for (const child of date.children) textOf(child, parts);
  const time = Date.parse(collapse(parts.join('')));
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

/**
 * Splits a rendered MkDocs page into one section per heading that has an `id` (the
 * anchors MkDocs' toc extension gives headings): each section holds its own text only, so
 * no word of the page is in two sections. A heading without an `id` cannot be linked to,
 * so its text stays in the section it is in.
 */
export function splitSections(html: string): SplitPage {
  const document = parseDocument(html, { decodeEntities: true });
  const root = contentRoot(document);
  const sections: PageSection[] = [];
  const open: Array<{ level: number; title: string }> = [];
  let current: PageSection = {
    level: 0,
    title: '',
    anchor: '',
    ancestors: [],
    text: '',
  };
  let parts: string[] = [];

  const flush = () => {
    const text = collapse(parts.join('')).slice(0, MAX_SECTION_CHARS);
    parts = [];
    // Text before the first heading is kept only when there is some.
    if (current.level > 0 || text) sections.push({ ...current, text });
  };

  const visit = (node: Node): void => {
    if (sections.length >= MAX_SECTIONS_PER_PAGE) return;
    if (isText(node)) {
      parts.push(node.data);
      return;
    }
    if (!isTag(node) || isSkipped(node)) return;
    const heading = HEADING.exec(node.name);
    const anchor = node.attribs.id?.trim();
    if (heading && anchor) {
      const titleParts: string[] = [];
      for (const child of node.children) textOf(child, titleParts);
      const title = collapse(titleParts.join(''));
      const level = Number(heading[1]);
      flush();
      while (open.length && open[open.length - 1].level >= level) open.pop();
      current = {
        level,
        title,
        anchor,
        ancestors: open.map(h => h.title).filter(Boolean),
        text: '',
      };
      open.push({ level, title });
      return;
    }
    for (const child of node.children) visit(child);
    if (BLOCK_TAGS.has(node.name) || heading) parts.push(' ');
  };

  for (const child of root.children) visit(child);
  flush();
  return { sections, lastUpdated: lastUpdatedOf(document) };
}
