import { entity } from '../../testUtils';
import { resolveSourceLocation } from './resolveSourceLocation';

const withAnnotations = (annotations: Record<string, string>) =>
  entity('Component', 'billing', {}, { annotations });

describe('resolveSourceLocation', () => {
  it('uses the source-location annotation, adding a trailing slash', () => {
    expect(
      resolveSourceLocation(
        withAnnotations({
          'backstage.io/source-location':
            'url:https://github.com/acme/billing/tree/main',
        }),
      ),
    ).toEqual({
      url: 'https://github.com/acme/billing/tree/main/',
      catalogFilePath: 'catalog-info.yaml',
    });
  });

  it('finds the catalog file under the source location, tree or blob', () => {
    expect(
      resolveSourceLocation(
        withAnnotations({
          'backstage.io/source-location':
            'url:https://github.com/acme/mono/tree/main/',
          'backstage.io/managed-by-location':
            'url:https://github.com/acme/mono/blob/main/services/billing/catalog-info.yaml',
        }),
      ),
    ).toEqual({
      url: 'https://github.com/acme/mono/tree/main/',
      catalogFilePath: 'services/billing/catalog-info.yaml',
    });
  });

  it('falls back to catalog-info.yaml when the catalog file lies elsewhere', () => {
    expect(
      resolveSourceLocation(
        withAnnotations({
          'backstage.io/source-location':
            'url:https://github.com/acme/billing/tree/main/',
          'backstage.io/managed-by-location':
            'url:https://github.com/acme/catalog/blob/main/billing.yaml',
        }),
      ),
    ).toEqual({
      url: 'https://github.com/acme/billing/tree/main/',
      catalogFilePath: 'catalog-info.yaml',
    });
  });

  it('derives the source from a url managed-by-location', () => {
    expect(
      resolveSourceLocation(
        withAnnotations({
          'backstage.io/managed-by-location':
            'url:https://github.com/acme/billing/blob/main/catalog/catalog-info.yaml',
        }),
      ),
    ).toEqual({
      url: 'https://github.com/acme/billing/blob/main/catalog/',
      catalogFilePath: 'catalog-info.yaml',
    });
  });

  it('has no source for file locations, invalid values or none', () => {
    expect(
      resolveSourceLocation(
        withAnnotations({
          'backstage.io/managed-by-location': 'file:/repo/catalog-info.yaml',
        }),
      ),
    ).toBeUndefined();
    expect(
      resolveSourceLocation(
        withAnnotations({
          'backstage.io/source-location': 'url:not a url',
          'backstage.io/managed-by-location': 'nonsense',
        }),
      ),
    ).toBeUndefined();
    expect(resolveSourceLocation(withAnnotations({}))).toBeUndefined();
  });
});
