import { policyNames } from '../../src/policies/registry.js';
import { conformanceSuite } from './conformance.js';

for (const name of policyNames) conformanceSuite(name);
