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

describe('S3 XML for lifecycle and CORS', () => {
  const xml = `<?xml version="1.0" encoding="UTF-8"?>
<LifecycleConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
  <!-- temporary files -->
  <Rule>
    <ID>tmp &amp; cache</ID>
    <Filter><Prefix>tmp/</Prefix></Filter>
    <Status>Enabled</Status>
    <Expiration><Days>7</Days></Expiration>
  </Rule>
  <Rule>
    <ID>logs</ID>
    <Filter><And><Prefix>logs/</Prefix><Tag><Key>a</Key><Value>1</Value></Tag><Tag><Key>b</Key><Value>2</Value></Tag></And></Filter>
    <Status>Disabled</Status>
    <Transition><Days>30</Days><StorageClass>STANDARD_IA</StorageClass></Transition>
    <NoncurrentVersionExpiration><NoncurrentDays>90</NoncurrentDays></NoncurrentVersionExpiration>
  </Rule>
</LifecycleConfiguration>`;

  it('reads a pasted <LifecycleConfiguration> into the JSON shape', () => {
    const r = checkConfig('lifecycle', xml);
    expect(r.ok && r.value).toEqual({
      Rules: [
        { ID: 'tmp & cache', Filter: { Prefix: 'tmp/' }, Status: 'Enabled', Expiration: { Days: 7 } },
        {
          ID: 'logs',
          Filter: { And: { Prefix: 'logs/', Tags: [{ Key: 'a', Value: '1' }, { Key: 'b', Value: '2' }] } },
          Status: 'Disabled',
          Transitions: [{ Days: 30, StorageClass: 'STANDARD_IA' }],
          NoncurrentVersionExpiration: { NoncurrentDays: 90 },
        },
      ],
    });
  });

  it('says on which line the XML breaks or a rule is wrong', () => {
    expect(checkConfig('lifecycle', xml.replace('</Filter>\n    <Status>Enabled', '</Filtre>\n    <Status>Enabled'))).toMatchObject({
      ok: false,
      problem: { where: 'line 6, column 34', message: 'not valid lifecycle XML: </Filtre> does not close <Filter>' },
    });
    expect(checkConfig('lifecycle', xml.replace('<Status>Disabled</Status>', '<Status>Off</Status>'))).toEqual({
      ok: false,
      problem: { where: 'line 13 (Rules[1].Status)', message: 'must be one of "Enabled", "Disabled"' },
    });
    // A missing field is reported at the element that lacks it.
    expect(checkConfig('lifecycle', xml.replace('<Status>Enabled</Status>', ''))).toMatchObject({ ok: false, problem: { where: 'line 4 (Rules[0].Status)' } });
    expect(checkConfig('lifecycle', '<CORSConfiguration/>')).toMatchObject({ ok: false, problem: { where: 'line 1, column 1' } });
    expect(checkConfig('lifecycle', xml.replace('tmp &amp; cache', 'tmp & cache'))).toMatchObject({ ok: false, problem: { where: 'line 5, column 13' } });
  });

  it('reads CORS rules with their repeated origins and methods', () => {
    const cors = '<CORSConfiguration><CORSRule><AllowedOrigin>https://a.example</AllowedOrigin><AllowedOrigin>https://b.example</AllowedOrigin><AllowedMethod>GET</AllowedMethod><MaxAgeSeconds>60</MaxAgeSeconds></CORSRule></CORSConfiguration>';
    expect(checkConfig('cors', cors)).toMatchObject({ ok: true, value: { CORSRules: [{ AllowedOrigins: ['https://a.example', 'https://b.example'], AllowedMethods: ['GET'], MaxAgeSeconds: 60 }] } });
  });
});
