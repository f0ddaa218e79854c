import { describeContract } from './support.js';

describeContract('stitch', ['a full replace of the connection']);
