import { anchorFragment, safePagePath } from './safePagePath';

describe('safePagePath', () => {
  it.each(['', 'runbook/', 'faq.html', 'a/b/c/', 'caf%C3%A9/', "it's/"])(
    'keeps the relative page path %j',
    location => expect(safePagePath(location)).toBe(location),
  );

  it.each([
    // eslint-disable-next-line no-script-url
    'javascript:alert(1)',
    // eslint-disable-next-line no-script-url
    'JavaScript:alert(1)',
    'data:text/html,<script>',
    'https://evil.example/',
    '//evil.example/',
    '/etc/passwd',
    '../other-entity/',
    'a/../../b/',
    '%2e%2e/secret/',
    'a\\..\\b',
    'a%5C..%5Cb',
    'page/?x=1',
    'page/#anchor',
    '<script>/',
    'a%zz/',
    'a%00/',
  ])('refuses %j', location => {
    expect(safePagePath(location)).toBeUndefined();
  });
});

describe('anchorFragment', () => {
  it('encodes what could end the fragment or start markup', () => {
    expect(anchorFragment('rotate-the-api-key')).toBe('#rotate-the-api-key');
    expect(anchorFragment('"><script>')).toBe('#%22%3E%3Cscript%3E');
    expect(anchorFragment('')).toBe('');
  });
});
