import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildDocsSite } from '../__testUtils__/buildDocsSite';
import { splitSections } from './splitSections';

describe('splitSections', () => {
  describe('on pages mkdocs built', () => {
    let site: string;
    beforeAll(() => {
      site = buildDocsSite('payments-docs', {
        builtAt: new Date('2025-01-15T10:00:00Z'),
      });
    });
    const page = (file: string) =>
      splitSections(readFileSync(join(site, file), 'utf8'));

    it('gives each heading its own text, with the headings above it', () => {
      const { sections } = page('index.html');
      expect(
        sections.map(({ level, title, anchor, ancestors }) => ({
          level,
          title,
          anchor,
          ancestors,
        })),
      ).toEqual([
        {
          level: 1,
          title: 'Payments API',
          anchor: 'payments-api',
          ancestors: [],
        },
        {
          level: 2,
          title: 'Architecture',
          anchor: 'architecture',
          ancestors: ['Payments API'],
        },
        {
          level: 3,
          title: 'Tech radar',
          anchor: 'tech-radar',
          ancestors: ['Payments API', 'Architecture'],
        },
      ]);
      expect(sections[0].text).toBe(
        'The payments API charges cards and issues refunds for the storefront.',
      );
      expect(sections[1].text).toBe(
        'Requests go through the auth gateway to the payments-api service, which writes to PostgreSQL.',
      );
    });

    it('keeps code and admonitions as text, without permalink signs or markup', () => {
      const { sections } = page('runbook/index.html');
      const rotate = sections.find(s => s.anchor === 'rotate-the-api-key')!;
      expect(rotate.text).toContain(
        'payctl keys rotate --service payments-api --grace 24h',
      );
      expect(rotate.text).toContain(
        'Grace period Old keys keep working for the grace period.',
      );
      for (const section of sections) {
        expect(section.title).not.toContain('¶');
        expect(section.text).not.toMatch(/[<>¶]/);
      }
    });

    it('puts no word of the page in two sections', () => {
      const { sections } = page('runbook/index.html');
      expect(sections.map(s => s.anchor)).toEqual([
        'runbook',
        'rotate-the-api-key',
        'restart-the-settlement-worker',
        'symptoms',
        'fix',
      ]);
      const restart = sections.find(
        s => s.anchor === 'restart-the-settlement-worker',
      )!;
      expect(restart.text).toBe('');
      const fix = sections.find(s => s.anchor === 'fix')!;
      expect(fix.ancestors).toEqual([
        'Runbook',
        'Restart the settlement worker',
      ]);
      expect(fix.text).toContain(
        'kubectl rollout restart deployment/settlement-worker',
      );
    });

    it('never takes script content for text', () => {
      const { sections } = page('runbook/index.html');
      expect(JSON.stringify(sections)).not.toContain('document.cookie');
    });
  });

  it('keeps the text of a heading without an id in the section it is in', () => {
    const { sections } = splitSections(
      '<main><h2 id="a">A</h2><p>one</p><h3>Not linkable</h3><p>two</p></main>',
    );
    expect(sections).toEqual([
      {
        level: 2,
        title: 'A',
        anchor: 'a',
        ancestors: [],
        text: 'one Not linkable two',
      },
    ]);
  });

  it('keeps text before the first heading as a section without an anchor', () => {
    const { sections } = splitSections(
      '<body><p>Intro</p><h2 id="b">B</h2><p>text</p></body>',
    );
    expect(sections[0]).toEqual({
      level: 0,
      title: '',
      anchor: '',
      ancestors: [],
      text: 'Intro',
    });
  });

  it('reads a last-update date the page shows', () => {
    const { lastUpdated } = splitSections(
      '<article class="md-content__inner"><h1 id="x">X</h1></article>' +
        '<span class="git-revision-date-localized-plugin git-revision-date-localized-plugin-iso_date">2024-03-02</span>',
    );
    expect(lastUpdated).toBe('2024-03-02T00:00:00.000Z');
  });
});
