// `#src=` parts of a fragment: read beside a view, resolved against the page, and refused when
// their origin is not one the deployment's CSP allows.
import { describe, expect, it } from 'vitest';
import { checkSrc, parseFragment } from './src-flow.ts';

describe('#src= URLs', () => {
  it('are read in order beside the view part, percent-decoded', () => {
    expect(parseFragment('#cl1.abc&src=logs%2FSQLN1_cluster.log&src=https%3A%2F%2Flogs.corp.example%2Fb.log')).toEqual({
      view: 'cl1.abc', srcs: ['logs/SQLN1_cluster.log', 'https://logs.corp.example/b.log'],
    });
    expect(parseFragment('#src=a.log')).toEqual({ view: null, srcs: ['a.log'] });
    expect(parseFragment('')).toEqual({ view: null, srcs: [] });
  });

  it('resolve against the page, and only the page\'s origin and the allowed ones are fetched', () => {
    const page = 'https://lens.corp.example/app/#src=x';
    expect(checkSrc('logs/a.log', page)).toEqual({ url: new URL('https://lens.corp.example/app/logs/a.log') });
    expect(checkSrc('https://logs.corp.example/b.log', page, ['https://logs.corp.example'])).toEqual({ url: new URL('https://logs.corp.example/b.log') });
    expect(checkSrc('https://evil.example/b.log', page, ['https://logs.corp.example'])).toEqual({
      why: 'https://evil.example is not an origin this deployment may fetch from (its Content-Security-Policy allows https://lens.corp.example, https://logs.corp.example)',
    });
    expect(checkSrc('file:///etc/passwd', page)).toEqual({ why: 'file:///etc/passwd: only http and https addresses are fetched' });
    expect(checkSrc('javascript:alert(1)', page)).toEqual({ why: 'javascript:alert(1): only http and https addresses are fetched' });
  });
});
