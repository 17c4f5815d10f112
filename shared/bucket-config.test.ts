import { describe, expect, it } from 'vitest';
import { canonicalText, checkConfig, CONFIG_KINDS, CONFIG_TEMPLATES, diffLines } from './bucket-config';

describe('bucket config checks', () => {
  it('says on which line and column broken JSON stops', () => {
    const r = checkConfig('policy', '{\n  "Version": "2012-10-17",\n  "Statement": [,]\n}');
    expect(r).toMatchObject({ ok: false, problem: { where: 'line 3, column 17' } });
    expect(!r.ok && r.problem.message).toMatch(/^not valid JSON/);
    expect(checkConfig('cors', '{"CORSRules": [')).toMatchObject({ ok: false, problem: { where: 'line 1, column 16' } });
  });

  it('names the path of a rule S3 would refuse', () => {
    const lifecycle = { Rules: [{ ID: 'a', Status: 'Enabled', Expiration: { Days: 7 } }, { ID: 'b', Status: 'On', Expiration: { Days: 1 } }] };
    expect(checkConfig('lifecycle', JSON.stringify(lifecycle))).toMatchObject({ ok: false, problem: { where: 'Rules[1].Status', message: 'must be one of "Enabled", "Disabled"' } });
    const noAction = { Rules: [{ Status: 'Enabled', Filter: { Prefix: 'x/' } }] };
    expect(checkConfig('lifecycle', JSON.stringify(noAction))).toMatchObject({ ok: false, problem: { where: 'Rules[0]' } });
    const days = { Rules: [{ Status: 'Enabled', Expiration: { Days: 0 } }] };
    expect(checkConfig('lifecycle', JSON.stringify(days))).toMatchObject({ ok: false, problem: { where: 'Rules[0].Expiration.Days' } });
    const tagAbort = { Rules: [{ Status: 'Enabled', Filter: { Tag: { Key: 'k', Value: 'v' } }, AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 } }] };
    expect(checkConfig('lifecycle', JSON.stringify(tagAbort))).toMatchObject({ ok: false, problem: { where: 'Rules[0].AbortIncompleteMultipartUpload', message: 'cannot be used with a tag filter' } });
    const policy = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 'GetObject', Resource: 'arn:aws:s3:::b/*' }] };
    expect(checkConfig('policy', JSON.stringify(policy))).toMatchObject({ ok: false, problem: { where: 'Statement[0].Action' } });
    expect(checkConfig('cors', '{"CORSRules":[{"AllowedOrigins":["*"],"AllowedMethods":["GET","PATCH"]}]}')).toMatchObject({
      ok: false,
      problem: { where: 'CORSRules[0].AllowedMethods[1]' },
    });
    expect(checkConfig('public-access-block', '{"BlockPublicAcls":"yes"}')).toMatchObject({ ok: false, problem: { where: 'BlockPublicAcls' } });
    expect(checkConfig('public-access-block', '{"BlockPublicAcl":true}')).toMatchObject({ ok: false, problem: { where: 'BlockPublicAcl', message: expect.stringMatching(/unknown field/) } });
  });

  it('accepts every template and answers its canonical text', () => {
    for (const kind of CONFIG_KINDS) {
      const r = checkConfig(kind, JSON.stringify(CONFIG_TEMPLATES[kind]));
      expect(r).toEqual({ ok: true, value: CONFIG_TEMPLATES[kind], text: canonicalText(CONFIG_TEMPLATES[kind]) });
    }
  });
});

describe('diffLines', () => {
  it('keeps common lines and marks what goes and what comes', () => {
    expect(diffLines('a\nb\nc', 'a\nx\nc')).toEqual([
      { op: 'same', text: 'a' },
      { op: 'remove', text: 'b' },
      { op: 'add', text: 'x' },
      { op: 'same', text: 'c' },
    ]);
    expect(diffLines(null, 'a')).toEqual([{ op: 'add', text: 'a' }]);
    expect(diffLines('a', null)).toEqual([{ op: 'remove', text: 'a' }]);
  });
});
