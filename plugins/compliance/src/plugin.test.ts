import {
  CompliancePage,
  EntityComplianceCard,
  EntityComplianceContent,
  GroupComplianceCard,
  compliancePlugin,
} from './index';
import { complianceApiRef } from './api';

describe('legacy frontend system', () => {
  it('provides the plugin with its API and routes', () => {
    expect(compliancePlugin.getId()).toBe('compliance');
    expect([...compliancePlugin.getApis()].map(f => f.api.id)).toEqual([
      complianceApiRef.id,
    ]);
    expect(Object.keys(compliancePlugin.routes)).toEqual([
      'root',
      'entityContent',
    ]);
  });

  it('exports the page, the entity tab and the cards as components', () => {
    for (const component of [
      CompliancePage,
      EntityComplianceContent,
      EntityComplianceCard,
      GroupComplianceCard,
    ]) {
      expect(typeof component).toBe('function');
    }
  });
});
