import { describeContract } from './support.js';

describeContract('prequel', ['a single-block update (postgres', 'a settings-only update (frequency_minutes, is_enabled)']);
