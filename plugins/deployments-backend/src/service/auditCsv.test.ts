import { auditCsvHeader, auditCsvLine, csvCell } from './auditCsv';

describe('csvCell', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['cr\r', '"cr\r"'],
    [42, '42'],
  ])('writes %j as %s', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it.each([
    ['=HYPERLINK("http://evil","x")', `"'=HYPERLINK(""http://evil"",""x"")"`],
    ['+1+1', "'+1+1"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1', "'\t=1"],
    ['\r=1', `"'\r=1"`],
  ])('neutralises the formula %j', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });
});

describe('auditCsvLine', () => {
  it('writes every column, data as JSON, lines ending in CRLF', () => {
    expect(auditCsvHeader()).toBe(
      'seq,occurredAt,type,entityRef,actor,data,prevHash,hash\r\n',
    );
    expect(
      auditCsvLine({
        seq: 3,
        occurredAt: '2026-12-01T10:00:00.000Z',
        type: 'version.registered',
        entityRef: 'component:default/shop',
        actor: 'user:default/alice',
        data: { version: '=1+1', author: 'Alice "A", Smith' },
        prevHash: 'a'.repeat(64),
        hash: 'b'.repeat(64),
      }),
    ).toBe(
      `3,2026-12-01T10:00:00.000Z,version.registered,component:default/shop,user:default/alice,"{""version"":""=1+1"",""author"":""Alice \\""A\\"", Smith""}",${'a'.repeat(
        64,
      )},${'b'.repeat(64)}\r\n`,
    );
  });
});
