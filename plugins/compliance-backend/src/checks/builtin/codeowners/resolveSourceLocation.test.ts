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
      catalogFileUrl:
        'https://github.com/acme/mono/blob/main/services/billing/catalog-info.yaml',
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
      url: 'https://github.com/acme/billing/blob/main/',
      catalogFilePath: 'catalog/catalog-info.yaml',
      catalogFileUrl:
        'https://github.com/acme/billing/blob/main/catalog/catalog-info.yaml',
    });
  });

  it('goes back to the repository root from a subdirectory, as the catalog annotates monorepos', () => {
    // What the catalog's AnnotateLocationEntityProcessor writes for a nested catalog file.
    expect(
      resolveSourceLocation(
        withAnnotations({
          'backstage.io/source-location':
            'url:https://github.com/acme/mono/tree/main/services/ledger/',
          'backstage.io/managed-by-location':
            'url:https://github.com/acme/mono/blob/main/services/ledger/catalog-info.yaml',
        }),
      ),
    ).toEqual({
      url: 'https://github.com/acme/mono/tree/main/',
      catalogFilePath: 'services/ledger/catalog-info.yaml',
      catalogFileUrl:
        'https://github.com/acme/mono/blob/main/services/ledger/catalog-info.yaml',
    });
    expect(
      resolveSourceLocation(
        withAnnotations({
          'backstage.io/source-location':
            'url:https://gitlab.example/acme/platform/mono/-/tree/main/services/ledger',
        }),
      ),
    ).toEqual({
      url: 'https://gitlab.example/acme/platform/mono/-/tree/main/',
      catalogFilePath: 'services/ledger/catalog-info.yaml',
    });
  });

  it('uses the catalog file path when it lies elsewhere in the same repository', () => {
    expect(
      resolveSourceLocation(
        withAnnotations({
          'backstage.io/source-location':
            'url:https://github.com/acme/mono/tree/main/services/ledger/',
          'backstage.io/managed-by-location':
            'url:https://github.com/acme/mono/blob/main/catalog/ledger.yaml',
        }),
      ),
    ).toEqual({
      url: 'https://github.com/acme/mono/tree/main/',
      catalogFilePath: 'catalog/ledger.yaml',
      catalogFileUrl:
        'https://github.com/acme/mono/blob/main/catalog/ledger.yaml',
    });
    // Another revision is another tree: its catalog file path says nothing about this one.
    expect(
      resolveSourceLocation(
        withAnnotations({
          'backstage.io/source-location':
            'url:https://github.com/acme/mono/tree/main/services/ledger/',
          'backstage.io/managed-by-location':
            'url:https://github.com/acme/mono/blob/release/catalog/ledger.yaml',
        }),
      ),
    ).toEqual({
      url: 'https://github.com/acme/mono/tree/main/',
      catalogFilePath: 'services/ledger/catalog-info.yaml',
    });
  });

  it('keeps the source directory for URLs of other shapes', () => {
    expect(
      resolveSourceLocation(
        withAnnotations({
          'backstage.io/source-location':
            'url:https://bitbucket.org/acme/mono/src/main/services/ledger/',
        }),
      ),
    ).toEqual({
      url: 'https://bitbucket.org/acme/mono/src/main/services/ledger/',
      catalogFilePath: 'catalog-info.yaml',
    });
  });

  it('keeps a repository named like a URL keyword apart from the ref', () => {
    expect(
      resolveSourceLocation(
        withAnnotations({
          'backstage.io/source-location':
            'url:https://github.com/acme/tree/tree/main/blob/',
        }),
      ),
    ).toEqual({
      url: 'https://github.com/acme/tree/tree/main/',
      catalogFilePath: 'blob/catalog-info.yaml',
    });
  });

  it('keeps malformed escapes in hostile annotations as written', () => {
    expect(
      resolveSourceLocation(
        withAnnotations({
          'backstage.io/managed-by-location':
            'url:https://github.com/acme/x/blob/main/%E0%A4%A/catalog-info.yaml',
        }),
      ),
    ).toEqual({
      url: 'https://github.com/acme/x/blob/main/',
      catalogFilePath: '%E0%A4%A/catalog-info.yaml',
      catalogFileUrl:
        'https://github.com/acme/x/blob/main/%E0%A4%A/catalog-info.yaml',
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
