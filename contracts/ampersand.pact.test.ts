import { describeContract } from './support.js';

describeContract('ampersand', ['an updateMask naming a subset']);
