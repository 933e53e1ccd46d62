import { execFileSync } from 'node:child_process';
import {
  mkdir,
  mkdtemp,
  realpath,
  rm,
  symlink,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFileBesideLocation } from './readFileBesideLocation';

describe('readFileBesideLocation', () => {
  let root: string;
  let folder: string;
  let location: string;

  beforeEach(async () => {
    // realpath: on some systems the temp folder itself is behind a link (/tmp -> /private/tmp).
    root = await realpath(await mkdtemp(join(tmpdir(), 'runway-codeowners-')));
    folder = join(root, 'billing');
    await mkdir(join(folder, '.github'), { recursive: true });
    await writeFile(join(folder, 'catalog-info.yaml'), 'kind: Component\n');
    await writeFile(join(root, 'secret'), 'outside the folder\n');
    location = `file:${join(folder, 'catalog-info.yaml')}`;
  });

  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('reads a file in the folder of the location, and in a subfolder', async () => {
    await writeFile(join(folder, 'CODEOWNERS'), '* @acme/team-billing\n');
    await writeFile(join(folder, '.github', 'CODEOWNERS'), '* @acme/b\n');
    await expect(readFileBesideLocation(location, 'CODEOWNERS')).resolves.toBe(
      '* @acme/team-billing\n',
    );
    await expect(
      readFileBesideLocation(location, '.github/CODEOWNERS'),
    ).resolves.toBe('* @acme/b\n');
  });

  it('follows a link that stays inside the folder', async () => {
    await writeFile(join(folder, '.github', 'CODEOWNERS'), '* @acme/b\n');
    await symlink('.github/CODEOWNERS', join(folder, 'CODEOWNERS'));
    await expect(readFileBesideLocation(location, 'CODEOWNERS')).resolves.toBe(
      '* @acme/b\n',
    );
  });

  it('resolves to undefined for a missing file, a missing folder or a dangling link', async () => {
    await expect(
      readFileBesideLocation(location, 'docs/CODEOWNERS'),
    ).resolves.toBeUndefined();
    await expect(
      readFileBesideLocation(
        `file:${join(root, 'gone', 'catalog-info.yaml')}`,
        'CODEOWNERS',
      ),
    ).resolves.toBeUndefined();
    await symlink(join(folder, 'nothing-here'), join(folder, 'CODEOWNERS'));
    await expect(
      readFileBesideLocation(location, 'CODEOWNERS'),
    ).resolves.toBeUndefined();
  });

  it('refuses a symbolic link to a file outside the folder', async () => {
    await symlink(join(root, 'secret'), join(folder, 'CODEOWNERS'));
    await expect(
      readFileBesideLocation(location, 'CODEOWNERS'),
    ).rejects.toThrow(
      `CODEOWNERS leads outside ${folder} (through .., an absolute path or a symbolic link), so it is not read`,
    );

    await symlink('/etc/passwd', join(folder, '.github', 'CODEOWNERS'));
    await expect(
      readFileBesideLocation(location, '.github/CODEOWNERS'),
    ).rejects.toMatchObject({ name: 'NotAllowedError' });
  });

  it('refuses a dangling link that points outside the folder', async () => {
    await symlink(join(root, 'not-yet'), join(folder, 'CODEOWNERS'));
    await expect(
      readFileBesideLocation(location, 'CODEOWNERS'),
    ).rejects.toMatchObject({ name: 'NotAllowedError' });
  });

  it('refuses a path through a linked folder that leads outside', async () => {
    await mkdir(join(root, 'elsewhere'));
    await writeFile(join(root, 'elsewhere', 'CODEOWNERS'), '* @evil\n');
    await symlink(join(root, 'elsewhere'), join(folder, 'docs'));
    await expect(
      readFileBesideLocation(location, 'docs/CODEOWNERS'),
    ).rejects.toMatchObject({ name: 'NotAllowedError' });
  });

  it('refuses .. and absolute paths before touching the disk', async () => {
    for (const path of [
      '../secret',
      'docs/../../secret',
      join(root, 'secret'),
    ]) {
      await expect(
        readFileBesideLocation(location, path),
      ).rejects.toMatchObject({ name: 'NotAllowedError' });
    }
  });

  it('treats a directory named like the file as no file', async () => {
    await mkdir(join(folder, 'CODEOWNERS'));
    await expect(
      readFileBesideLocation(location, 'CODEOWNERS'),
    ).resolves.toBeUndefined();
  });

  it('refuses what is not a regular file, without blocking on a FIFO', async () => {
    execFileSync('mkfifo', [join(folder, 'CODEOWNERS')]);
    await expect(
      readFileBesideLocation(location, 'CODEOWNERS'),
    ).rejects.toThrow(`${join(folder, 'CODEOWNERS')} is not a regular file`);
  });

  it('refuses a file larger than the limit, naming it', async () => {
    await writeFile(join(folder, 'CODEOWNERS'), 'x'.repeat(1024 * 1024 + 1));
    await expect(
      readFileBesideLocation(location, 'CODEOWNERS'),
    ).rejects.toThrow(
      `${join(folder, 'CODEOWNERS')} is larger than the limit of 1 MB`,
    );
    await writeFile(join(folder, 'CODEOWNERS'), 'x'.repeat(1024 * 1024));
    await expect(
      readFileBesideLocation(location, 'CODEOWNERS'),
    ).resolves.toHaveLength(1024 * 1024);
    await expect(
      readFileBesideLocation(location, 'CODEOWNERS', { maxBytes: 10 }),
    ).rejects.toThrow('is larger than the limit of 10 bytes');
  });

  it('refuses locations that are not absolute file: locations', async () => {
    for (const bad of [
      'url:https://github.com/acme/billing/blob/main/catalog-info.yaml',
      'file:billing/catalog-info.yaml',
      'nonsense',
    ]) {
      await expect(
        readFileBesideLocation(bad, 'CODEOWNERS'),
      ).rejects.toMatchObject({ name: 'InputError' });
    }
  });
});
