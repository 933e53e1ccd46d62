import { entity } from '../../testUtils';
import { resolveCatalogFolder } from './resolveCatalogFolder';

const withAnnotations = (annotations: Record<string, string>) =>
  entity('Component', 'billing', {}, { annotations });

describe('resolveCatalogFolder', () => {
  it('takes the folder of a file: managed-by-location', () => {
    expect(
      resolveCatalogFolder(
        withAnnotations({
          'backstage.io/managed-by-location':
            'file:/srv/catalog/billing/catalog-info.yaml',
        }),
      ),
    ).toEqual({
      location: 'file:/srv/catalog/billing/catalog-info.yaml',
      folder: '/srv/catalog/billing',
      catalogFilePath: 'catalog-info.yaml',
    });
  });

  it('ignores a file: source-location, which the entity author writes', () => {
    expect(
      resolveCatalogFolder(
        withAnnotations({ 'backstage.io/source-location': 'file:/etc/' }),
      ),
    ).toBeUndefined();
    expect(
      resolveCatalogFolder(
        withAnnotations({
          'backstage.io/source-location': 'file:/etc/',
          'backstage.io/managed-by-location':
            'file:/srv/catalog/billing/catalog-info.yaml',
        }),
      ),
    ).toMatchObject({ folder: '/srv/catalog/billing' });
  });

  it('has no folder for url locations, relative paths, invalid values or none', () => {
    for (const location of [
      'url:https://github.com/acme/billing/blob/main/catalog-info.yaml',
      'file:catalog-info.yaml',
      'file:./billing/catalog-info.yaml',
      'nonsense',
    ]) {
      expect(
        resolveCatalogFolder(
          withAnnotations({ 'backstage.io/managed-by-location': location }),
        ),
      ).toBeUndefined();
    }
    expect(resolveCatalogFolder(withAnnotations({}))).toBeUndefined();
  });
});
