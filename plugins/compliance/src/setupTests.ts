import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// findBy* and waitFor give up after 1 s by default. While the test command runs every
// package's tests at once on a 2-core machine, a lazily loaded page can take longer than
// that to show its data (seen in CompliancePageContent.test.tsx). A test still fails when
// what it waits for never appears.
configure({ asyncUtilTimeout: 10_000 });

// For the same reason a test that renders a whole page may need more than jest's default
// 5 s (seen in CompliancePage.reports.test.tsx while other suites ran); it must stay above
// asyncUtilTimeout, so that a missing element fails as "not found", not as a timeout.
jest.setTimeout(30_000);
