import { describeContract } from './support.js';

describeContract('redox', ['a name-only update', 'an endpoint-only update']);
