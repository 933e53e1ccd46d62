import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// findBy* and waitFor give up after 1 s by default. While the test command runs every
// package's tests at once on a 2-core machine, a lazily loaded page can take longer than
// that to show its data (seen in CompliancePageContent.test.tsx). A test still fails when
// what it waits for never appears.
configure({ asyncUtilTimeout: 10_000 });
