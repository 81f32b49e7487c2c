// The tagset formats: brat's annotation.conf + visual.conf (read from brat's
// own example data in ../shared) and Gloss tagset JSON, as pure functions and
// through the API on a real project file.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDispatcher, type Dispatch } from '../../electron/backend/api/dispatch.ts';
import { Project } from '../../electron/backend/project.ts';
import { bratConfToTagset, bratName, tagsetToBratConf } from '../../electron/backend/interop/brat/tagset.ts';
import { tagsetFromJson, tagsetToJson } from '../../electron/backend/tagset/json.ts';
import { GlossError, type Args, type Method, type PortableTagset, type Result, type Tagset } from '../../shared/index.ts';
import { SHARED_DIR } from '../support/paths.ts';
import { tempDir } from '../support/tmp.ts';

const BRAT = path.join(SHARED_DIR, 'interop', 'brat');
const CONF_DIRS = fs.readdirSync(BRAT).filter((d) => fs.existsSync(path.join(BRAT, d, 'annotation.conf')));

function readConf(dir: string): { annotationConf: string; visualConf: string | undefined } {
  const visual = path.join(BRAT, dir, 'visual.conf');
  return {
    annotationConf: fs.readFileSync(path.join(BRAT, dir, 'annotation.conf'), 'utf8'),
    visualConf: fs.existsSync(visual) ? fs.readFileSync(visual, 'utf8') : undefined,
  };
}

/** A portable tagset with what the formats may fill in made explicit, for comparisons. */
function normalized(t: PortableTagset) {
  return {
    labels: t.labels.map((l) => ({ name: l.name, kind: l.kind ?? 'entity', color: l.color, hotkey: l.hotkey, attributes: l.attributes })),
    relationTypes: t.relationTypes.map(({ id: _id, ...r }) => r),
    stances: t.stances,
  };
}

/** A project tagset without ids (which differ between projects), relation ends named. */
function withoutIds(t: Tagset) {
  const names = new Map(t.labels.map((l) => [l.id, l.name]));
  return {
    labels: t.labels.map(({ id: _id, ...l }) => l),
    relationTypes: t.relationTypes.map(({ id: _id, fromLabelIds, toLabelIds, ...r }) => ({ ...r, from: fromLabelIds.map((i) => names.get(i)), to: toLabelIds.map((i) => names.get(i)) })),
    stances: t.stances,
  };
}

describe('brat annotation.conf and visual.conf', () => {
  it('finds the example configurations', () => {
    expect(CONF_DIRS.sort()).toEqual(['NCBI-disease', 'TDT', 'tutorial-news']);
  });

  it('reads tutorial-news: entities, events, relations with argument types, attributes and colours', () => {
    const { annotationConf, visualConf } = readConf('tutorial-news');
    const { tagset, warnings } = bratConfToTagset(annotationConf, visualConf);
    const label = (n: string) => tagset.labels.find((l) => l.name === n)!;
    expect(tagset.labels.map((l) => l.name)).toEqual([
      'Person', 'Organization', 'GPE', 'Money',
      // Events, without the abstract "!Life", "!Transaction", "!Business" nodes of the hierarchy.
      'Be-born', 'Marry', 'Divorce', 'Die', 'Transfer-ownership', 'Transfer-money', 'Start-org', 'Merge-org', 'End-org', 'Report',
    ]);
    expect(label('Person')).toEqual({
      name: 'Person',
      color: '#ff821c',
      hotkey: null,
      attributes: [{ name: 'Individual', type: 'boolean' }, { name: 'Mention', type: 'enum', values: ['Name', 'Nominal', 'Other'] }],
    });
    expect(label('Money').color).toBe('#007000');
    expect(label('Marry')).toMatchObject({ kind: 'other', color: '#90ee90' }); // SPAN_DEFAULT's lightgreen
    expect(label('Marry').attributes.map((a) => a.name)).toEqual(['Negation', 'Confidence']);
    expect(tagset.relationTypes.map((r) => [r.name, r.fromLabels, r.toLabels, r.symmetric])).toEqual([
      ['Located', ['Person'], ['GPE'], false],
      ['Geographical part', ['GPE'], ['GPE'], false], // visual.conf's display name
      ['Family', ['Person'], ['Person'], false],
      ['Employment', ['Person'], ['GPE'], false],
      ['Ownership', ['Person'], ['Organization'], false],
      ['Origin', ['Organization'], ['GPE'], false],
      ['Alias', ['Person'], ['Person'], true],
    ]);
    expect(tagset.stances).toBeUndefined();
    expect(warnings).toEqual(['annotation.conf: event types were read as labels of kind "other"; their argument roles are not kept']);
  });

  it('reads NCBI-disease (an enum attribute) and TDT ([spans], <ENTITY> arguments, drawing defaults)', () => {
    const ncbi = bratConfToTagset(readConf('NCBI-disease').annotationConf, readConf('NCBI-disease').visualConf).tagset;
    expect(ncbi.labels).toEqual([
      { name: 'Disease', color: '#eebbbb', hotkey: null, attributes: [{ name: 'Category', type: 'enum', values: ['SpecificDisease', 'Modifier', 'DiseaseClass', 'CompositeMention'] }] },
    ]);
    const { tagset: tdt, warnings } = bratConfToTagset(readConf('TDT').annotationConf, readConf('TDT').visualConf);
    expect(warnings).toEqual([]);
    expect(tdt.labels.map((l) => l.name)).toEqual(['A', 'Adp', 'Adv', 'C', 'Interj', 'N', 'Null', 'Num', 'Pcle', 'Pron', 'Punct', 'Trash', 'Symb', 'Foreign', 'V']);
    expect(tdt.labels.find((l) => l.name === 'V')!.color).toBe('#adf6a2');
    expect(tdt.labels.find((l) => l.name === 'Trash')!.color).toBe('#90ee90');
    expect(tdt.labels.every((l) => l.attributes.length === 16)).toBe(true);
    expect(tdt.labels[0]!.attributes.find((a) => a.name === 'NEG')).toEqual({ name: 'NEG', type: 'enum', values: ['ConNeg'] });
    const relationLines = readConf('TDT').annotationConf.split('\n').filter((l) => / Arg1:<ENTITY>, Arg2:<ENTITY>$/.test(l));
    expect(tdt.relationTypes).toHaveLength(relationLines.length);
    expect(tdt.relationTypes.every((r) => !r.fromLabels.length && !r.toLabels.length)).toBe(true); // <ENTITY>: any label
    expect(tdt.relationTypes.find((r) => r.name === 'acomp-exp')!.color).toBe('#808080'); // gray
    expect(tdt.relationTypes.find((r) => r.name === 'acomp')!.color).toBe('#000000'); // ARC_DEFAULT
  });

  for (const dir of ['tutorial-news', 'NCBI-disease', 'TDT']) {
    it(`round-trips ${dir} through Gloss's brat writer`, () => {
      const { annotationConf, visualConf } = readConf(dir);
      const first = bratConfToTagset(annotationConf, visualConf).tagset;
      const written = tagsetToBratConf(first);
      expect(written.warnings).toEqual([]);
      const again = bratConfToTagset(written.annotationConf, written.visualConf);
      expect(again.warnings).toEqual([]);
      expect(normalized(again.tagset)).toEqual(normalized(first));
    });
  }

  it('keeps what brat cannot express in gloss comments: kinds, hotkeys, text attributes, kind constraints, stances, names', () => {
    const tagset: PortableTagset = {
      format: 'gloss-tagset',
      version: 1,
      labels: [
        { name: 'Person', kind: 'entity', color: '#e15759', hotkey: '1', attributes: [] },
        { name: 'Sentiment target', kind: 'other', color: '#4e79a7', hotkey: null, attributes: [{ name: 'comment', type: 'text' }] },
        { name: 'Claim', kind: 'claim', color: '#76b7b2', hotkey: '7', attributes: [{ name: 'hedged', type: 'boolean' }, { name: 'certainty', type: 'enum', values: ['low', 'high'] }] },
        { name: 'Préfet', kind: 'entity', color: '#59a14f', hotkey: null, attributes: [] },
      ],
      relationTypes: [
        { name: 'Says', color: '#f28e2b', symmetric: false, fromKinds: ['entity'], toKinds: ['claim'], fromLabels: [], toLabels: [] },
        { name: 'Contradicts', color: '#e15759', symmetric: true, fromKinds: ['claim'], toKinds: ['claim'], fromLabels: [], toLabels: [] },
        { name: 'Targets', color: '#000000', symmetric: false, fromKinds: [], toKinds: [], fromLabels: ['Claim'], toLabels: [] },
      ],
      stances: { values: ['agree', 'disagree', 'discuss'], defaultValue: 'discuss' },
    };
    const written = tagsetToBratConf(tagset);
    expect(written.annotationConf).toContain('\nSays\tArg1:Person|Prefet, Arg2:Claim\n');
    expect(written.annotationConf).toContain('\nContradicts\tArg1:Claim, Arg2:Claim, <REL-TYPE>:symmetric\n');
    expect(written.annotationConf).toContain('\nTargets\tArg1:Claim, Arg2:<ENTITY>\n');
    expect(written.annotationConf).toContain('\nSentiment_target\n');
    expect(written.visualConf).toContain('\nSentiment_target | Sentiment target\n');
    expect(written.warnings).toEqual(['label "Sentiment target": brat has no free-text attributes (comment); kept in a gloss comment']);
    const back = bratConfToTagset(written.annotationConf, written.visualConf);
    expect(back.warnings).toEqual([]);
    expect(normalized(back.tagset)).toEqual(normalized(tagset));
    // Without visual.conf the names still come back from the gloss comments.
    expect(bratConfToTagset(written.annotationConf).tagset.labels.map((l) => l.name)).toEqual(['Person', 'Sentiment target', 'Claim', 'Préfet']);

    // Edited outside Gloss: the file's argument types win over the comment.
    const edited = written.annotationConf.replace('Says\tArg1:Person|Prefet,', 'Says\tArg1:Person,');
    const fromEdited = bratConfToTagset(edited);
    expect(fromEdited.tagset.relationTypes[0]).toMatchObject({ fromKinds: [], fromLabels: ['Person'], toLabels: ['Claim'] });
    expect(fromEdited.warnings).toEqual([expect.stringMatching(/^annotation\.conf:\d+: relation "Says" was edited outside Gloss/)]);
  });

  it('names the file and line of what it cannot read', () => {
    const bad = (text: string) => {
      try {
        bratConfToTagset(text, undefined, { annotation: 'my/annotation.conf', visual: 'my/visual.conf' });
      } catch (err) {
        expect(err).toBeInstanceOf(GlossError);
        return (err as GlossError).message;
      }
      throw new Error('expected an error');
    };
    expect(bad('[entities]\nPerson\n[relations]\nLocated Arg1Person, Arg2:GPE\n')).toBe('my/annotation.conf:4: cannot read "Arg1Person" (expected KEY:VALUE)');
    expect(bad('Person\n[entities]\n')).toBe('my/annotation.conf:1: "Person" comes before any [section] header');
    expect(bad('[entities]\nPerson\n[relations]\n\nLocated Arg1:Person\n')).toBe('my/annotation.conf:5: relation "Located" needs two arguments (Arg1:TYPE, Arg2:TYPE)');
    expect(bad('[attributes]\nNegation Value:A|B\n')).toBe('my/annotation.conf:2: attribute "Negation" needs Arg:TYPE');
    expect(bad('[entities]\n# gloss: {"label": oops}\n')).toBe('my/annotation.conf:2: a "# gloss: {…}" comment must hold a JSON object');
    // Unknown argument types are left out with a warning (brat data in the wild refers to types it never defines).
    const { tagset, warnings } = bratConfToTagset('[entities]\nPerson\nGPE\n[relations]\nLocated Arg1:Person|Robot, Arg2:GPE\n');
    expect(tagset.relationTypes[0]).toMatchObject({ fromLabels: ['Person'], toLabels: ['GPE'] });
    expect(warnings).toEqual(['annotation.conf:5: "Robot" is not a label type; left out']);
  });

  it("writes brat's storage form of names", () => {
    expect(bratName('Sentiment target')).toBe('Sentiment_target');
    expect(bratName('Préfet de région')).toBe('Prefet_de_region');
    expect(bratName('Geo-political entity')).toBe('Geo-political_entity');
    expect(bratName('Σ')).toBe('_');
  });
});

describe('Gloss tagset JSON', () => {
  it('round-trips, and reports the line of a syntax error and the field of a shape error', () => {
    const { tagset } = bratConfToTagset(readConf('tutorial-news').annotationConf, readConf('tutorial-news').visualConf);
    expect(normalized(tagsetFromJson(tagsetToJson(tagset)))).toEqual(normalized(tagset));
    const message = (text: string) => {
      try {
        tagsetFromJson(text, 'team.json');
      } catch (err) {
        return (err as GlossError).message;
      }
      throw new Error('expected an error');
    };
    expect(message('{\n  "labels": [\n    {"name": "A",}\n  ]\n}')).toMatch(/^team\.json: not valid JSON at line 3, column \d+$/);
    expect(message('{"labels": [{"name": "A", "color": "red"}]}')).toBe('team.json: not a Gloss tagset: labels.0.color: a colour is #rrggbb');
    expect(message('{"labels": [{"name": "A"}, {"name": "a"}]}')).toBe('team.json: label "a" is defined twice');
    expect(message('{"format": "other"}')).toMatch(/^team\.json: not a Gloss tagset: format: /);
    expect(message('{"stances": {"values": ["x"], "defaultValue": "y"}}')).toBe('team.json: the default stance "y" is not among the stance values');
  });
});

describe('tagset through the API', () => {
  let dir: string;
  let cleanup: () => void;
  let project: Project;
  let dispatch: Dispatch;
  beforeEach(async () => {
    ({ dir, cleanup } = tempDir());
    project = await Project.open(path.join(dir, 'a.gloss'));
    dispatch = createDispatcher(project);
  });
  afterEach(() => {
    project.close();
    cleanup();
  });

  async function call<M extends Method>(d: Dispatch, method: M, args: Args<M>): Promise<Result<M>> {
    const r = await d(method, args);
    if (!r.ok) throw Object.assign(new Error(r.error.message), { kind: r.error.kind });
    return r.result as Result<M>;
  }

  it('exports the default tagset to brat and JSON, and another project imports either to the same tagset', async () => {
    await call(dispatch, 'tagset.setStanceValues', { values: ['agree', 'disagree', 'discuss'] });
    const original = await call(dispatch, 'tagset.get', {});
    expect(original.relationTypes.map((r) => r.name)).toEqual(['Represents', 'Says', 'Supports', 'Contradicts']);
    const brat = await call(dispatch, 'tagset.exportBrat', {});
    expect(brat.files.map((f) => f.fileName)).toEqual(['annotation.conf', 'visual.conf']);
    expect(brat.warnings).toEqual([]);
    const json = await call(dispatch, 'tagset.exportJson', {});

    for (const via of ['brat', 'json'] as const) {
      const other = await Project.open(path.join(dir, `${via}.gloss`));
      try {
        const d = createDispatcher(other);
        // A fresh project starts with the default tagset, so replace: equal names match and are updated.
        const result =
          via === 'brat'
            ? await call(d, 'tagset.importBrat', { annotationConf: brat.files[0]!.content, visualConf: brat.files[1]!.content, mode: 'replace' })
            : await call(d, 'tagset.importJson', { content: json.files[0]!.content, mode: 'replace' });
        expect(result.warnings).toEqual([]);
        expect(result.removed).toEqual({ labels: [], relationTypes: [] });
        expect(withoutIds(result.tagset)).toEqual(withoutIds(original));
      } finally {
        other.close();
      }
    }
  });

  it('merges an imported brat tagset; replace refuses to remove what is in use; failures change nothing', async () => {
    const before = await call(dispatch, 'tagset.get', {});
    const { annotationConf, visualConf } = readConf('tutorial-news');
    const merged = await call(dispatch, 'tagset.importBrat', { annotationConf, visualConf: visualConf!, mode: 'merge' });
    expect(merged.created.labels).toEqual(['GPE', 'Be-born', 'Marry', 'Divorce', 'Die', 'Transfer-ownership', 'Transfer-money', 'Start-org', 'Merge-org', 'End-org', 'Report']);
    expect(merged.updated.labels).toEqual(['Person', 'Organization', 'Money']);
    const person = merged.tagset.labels.find((l) => l.name === 'Person')!;
    expect(person).toMatchObject({ kind: 'entity', color: '#ff821c', hotkey: '1' }); // the hotkey stays
    expect(merged.tagset.labels.find((l) => l.name === 'Claim')!.kind).toBe('claim'); // untouched
    const located = merged.tagset.relationTypes.find((r) => r.name === 'Located')!;
    expect(located.fromLabelIds).toEqual([person.id]);
    expect(merged.tagset.stances).toEqual(before.stances);

    // Replace would delete the "Claim" label, which an annotation uses: refused, nothing changes.
    const doc = project.documents;
    doc.insert({ id: 'd1', name: 'd', title: 'd', text: 'Pakistan was not invited.', blocks: [], metadata: {}, contentHash: 'h' });
    project.annotations.create({ documentId: 'd1', ranges: [{ start: 0, end: 8 }], labelId: project.labels.findByName('Claim')!.id, annotator: 't' }, 'Pakistan was not invited.');
    const snapshot = await call(dispatch, 'tagset.get', {});
    const r = await dispatch('tagset.importBrat', { annotationConf, visualConf, mode: 'replace' });
    expect(r).toEqual({ ok: false, error: { kind: 'conflict', message: 'label is used by 1 annotation(s); relabel or delete them first' } });
    expect(await call(dispatch, 'tagset.get', {})).toEqual(snapshot);
    const bad = await dispatch('tagset.importBrat', { annotationConf: '[relations]\nX Arg1:A\n' });
    expect(bad).toMatchObject({ ok: false, error: { kind: 'import', message: 'annotation.conf:2: relation "X" needs two arguments (Arg1:TYPE, Arg2:TYPE)' } });
    const badJson = await dispatch('tagset.importJson', { content: '{"relationTypes": [{"name": "R", "fromLabels": ["Ghost"]}]}' });
    expect(badJson).toMatchObject({ ok: false, error: { kind: 'import', message: 'relation type "R" names the label "Ghost", which the tagset does not define' } });
    expect(await call(dispatch, 'tagset.get', {})).toEqual(snapshot);

    // Undo of an import: import the earlier export with replace.
    const undo = await call(dispatch, 'tagset.importJson', {
      content: tagsetToJson({ format: 'gloss-tagset', version: 1, labels: before.labels, relationTypes: before.relationTypes.map((t) => ({ ...t, fromLabels: [], toLabels: [] })), stances: before.stances }),
      mode: 'replace',
    });
    expect(withoutIds(undo.tagset)).toEqual(withoutIds(before));
    expect(undo.tagset.labels.map((l) => l.id)).toEqual(before.labels.map((l) => l.id));
  });
});
