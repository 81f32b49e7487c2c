import { useEffect, useRef } from 'react';
import type { Relation, RelationType } from '../../../shared/index.ts';
import { freshRangeOf } from './freshHighlights.ts';

interface Props {
  relations: readonly Relation[];
  relationTypes: readonly RelationType[];
  /** Changes whenever highlights may have moved (annotations added or removed). */
  version: unknown;
}

const SVG = 'http://www.w3.org/2000/svg';

/**
 * Relations drawn as arrows between their spans, as brat draws them: an arc
 * above the text from the first line box of one highlight to the other's,
 * in the relation type's colour, labelled with the type. Drawn into an SVG
 * laid over the article (which scrolls with it); relations whose ends are
 * not drawn (another document, or far away in a long one) are left out.
 */
export function RelationArcs({ relations, relationTypes, version }: Props) {
  const ref = useRef<SVGSVGElement>(null);
  useEffect(() => {
    const svg = ref.current;
    const host = svg?.parentElement;
    if (!svg || !host) return;
    const types = new Map(relationTypes.map((t) => [t.id, t]));
    const draw = () => {
      svg.replaceChildren();
      const box = host.getBoundingClientRect();
      svg.setAttribute('width', String(host.scrollWidth));
      svg.setAttribute('height', String(host.scrollHeight));
      const anchor = (id: string) => {
        const rect = (host.querySelector(`[data-ann="${CSS.escape(id)}"]`) ?? freshRangeOf(id))?.getClientRects()[0];
        return rect && { x: rect.left - box.left + rect.width / 2, y: rect.top - box.top };
      };
      for (const r of relations) {
        const a = anchor(r.fromAnnotationId);
        const b = anchor(r.toAnnotationId);
        if (!a || !b) continue;
        const type = types.get(r.typeId);
        const color = type?.color ?? '#555';
        const lift = Math.min(60, 14 + Math.abs(b.x - a.x) / 8 + Math.abs(b.y - a.y) / 6);
        const path = document.createElementNS(SVG, 'path');
        path.setAttribute('d', `M ${a.x} ${a.y} C ${a.x} ${a.y - lift}, ${b.x} ${b.y - lift}, ${b.x} ${b.y}`);
        path.setAttribute('stroke', color);
        path.setAttribute('marker-end', 'url(#gl-arrow)');
        path.setAttribute('class', 'gl-arc');
        const label = document.createElementNS(SVG, 'text');
        label.setAttribute('x', String((a.x + b.x) / 2));
        label.setAttribute('y', String(Math.min(a.y, b.y) - lift * 0.75));
        label.setAttribute('fill', color);
        label.setAttribute('class', 'gl-arc-label');
        label.textContent = type?.name ?? '';
        svg.append(path, label);
      }
      const defs = document.createElementNS(SVG, 'defs');
      defs.innerHTML = '<marker id="gl-arrow" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L8,4 L0,8 z" fill="context-stroke"/></marker>';
      svg.prepend(defs);
    };
    const frame = requestAnimationFrame(draw);
    window.addEventListener('resize', draw);
    return () => {
      cancelAnimationFrame(frame);
      window.removeEventListener('resize', draw);
      svg.replaceChildren();
    };
  }, [relations, relationTypes, version]);
  return <svg ref={ref} className="gl-arcs" aria-hidden="true" />;
}
