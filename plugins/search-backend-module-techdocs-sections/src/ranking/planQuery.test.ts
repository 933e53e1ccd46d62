import { planQuery, typoToleranceOf } from './planQuery';

describe('typoToleranceOf', () => {
  it('lets no short word turn into another word', () => {
    for (const word of ['tech', 'team', 'helm', 'sso', 'pr', 'a']) {
      expect(typoToleranceOf(word)).toBe(0);
    }
  });

  it('grows with the length of the word', () => {
    expect(typoToleranceOf('waves')).toBe(1);
    expect(typoToleranceOf('rollbak')).toBe(1);
    expect(typoToleranceOf('settings')).toBe(1);
    expect(typoToleranceOf('keycloack')).toBe(2);
    expect(typoToleranceOf('progresing')).toBe(2);
  });

  it('matches words with digits exactly', () => {
    expect(typoToleranceOf('4093')).toBe(0);
    expect(typoToleranceOf('version2')).toBe(0);
  });
});

describe('planQuery', () => {
  it('leaves out stop words, unless there is nothing else', () => {
    expect(
      planQuery('how do I reset the admin password ').terms.map(t => t.word),
    ).toEqual(['reset', 'admin', 'password']);
    expect(planQuery('how ').terms.map(t => t.word)).toEqual(['how']);
  });

  it('judges typos on the stemmed word, the form Lunr matches', () => {
    // "logged" is indexed as "log": one typo would make it "dog" or "sog".
    const [logged] = planQuery('logged ').terms;
    expect(logged.editDistance).toBe(0);
  });

  it('matches only the last word as a prefix, and only while it is typed', () => {
    expect(planQuery('settlement wor').terms).toEqual([
      { word: 'settlement', editDistance: 2, prefix: false },
      { word: 'wor', editDistance: 0, prefix: true },
    ]);
    expect(planQuery('settlement wor ').terms[1].prefix).toBe(false);
    expect(planQuery('settlement wo').terms[1].prefix).toBe(false);
  });

  it('pairs adjacent words into phrases and compounds', () => {
    const plan = planQuery('sealed secret stuck');
    expect(plan.phrases).toEqual(['seal secret', 'secret stuck']);
    expect(plan.compounds).toEqual(['sealedsecret', 'secretstuck']);
  });

  it('keeps a stop word in a phrase next to a real word', () => {
    expect(planQuery('argocd admin settings rbac can').phrases).toContain(
      'rbac can',
    );
  });

  it('asks for each word once', () => {
    const plan = planQuery('argo cd argocd argocd ');
    expect(plan.terms.map(t => t.word)).toEqual(['argo', 'cd', 'argocd']);
    expect(plan.compounds).toEqual(['cdargocd']);
  });
});
