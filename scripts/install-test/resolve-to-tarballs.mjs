#!/usr/bin/env node
// Points every @runway/* package at its packed tarball through the host app's root
// `resolutions`, so that Yarn takes them, and their @runway/* dependencies, from the tarballs
// as it would from the npm registry once they are published. Writes <folder>/versions.json
// (name to version) for the `yarn add` commands.
//   node resolve-to-tarballs.mjs <host package.json> <folder of tarballs>
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { execFileSync } from 'node:child_process';

const [packageJsonPath, tarballDir] = process.argv.slice(2);
const manifest = JSON.parse(readFileSync(packageJsonPath, 'utf8'));
manifest.resolutions = manifest.resolutions ?? {};
const versions = {};

for (const file of readdirSync(tarballDir).filter(f => f.endsWith('.tgz'))) {
  const tarball = resolve(tarballDir, file);
  // The name inside the tarball, not one guessed from the file name.
  const packed = JSON.parse(
    execFileSync('tar', ['-xzOf', tarball, 'package/package.json'], {
      encoding: 'utf8',
    }),
  );
  manifest.resolutions[packed.name] = `file:${tarball}`;
  versions[packed.name] = packed.version;
}
writeFileSync(
  join(tarballDir, 'versions.json'),
  `${JSON.stringify(versions, null, 2)}\n`,
);

writeFileSync(packageJsonPath, `${JSON.stringify(manifest, null, 2)}\n`);
console.log(
  `resolutions: ${
    Object.keys(manifest.resolutions).length
  } @runway packages from ${join(tarballDir)}`,
);
