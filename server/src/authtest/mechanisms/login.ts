import { Credentials, SaslClient, openStep, secretStep } from './types';

/** The LOGIN mechanism: "Username:" then "Password:". The prompt decides when it is clear, else the order. */
export function login(c: Credentials): SaslClient {
  let step = 0;
  return {
    name: 'LOGIN',
    initial: () => undefined,
    challenge(data) {
      const prompt = data.toString('utf8').toLowerCase();
      const wantsUser = prompt.includes('user') || (!prompt.includes('pass') && step === 0);
      step++;
      return wantsUser ? openStep(c.user) : secretStep(c.password);
    },
    checkSuccess: () => undefined,
  };
}
