import { describeContract } from './support.js';

describeContract('streamkap', ['secret_returned=true', 'wait=false']);
