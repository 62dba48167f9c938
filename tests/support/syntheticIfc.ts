/**
 * A synthetic IFC4 model of about `mb` megabytes (bench/ifcLoad.ts, tests/integration/building.test.ts):
 * a grid of walls, each with its own placement, extruded geometry and a property set of ten values —
 * property data is most of a real file's bytes.
 */
/** A STEP file of about `mb` megabytes: walls on a grid, each with geometry and a property set. */
export function syntheticIfc(mb: number): Uint8Array {
  const lines: string[] = [];
  let id = 0;
  const add = (s: string) => {
    lines.push(`#${++id}=${s};`);
    return id;
  };
  const guid = (n: number) => `2${n.toString(36).padStart(21, '0')}`.slice(0, 22);
  const origin = add('IFCCARTESIANPOINT((0.,0.,0.))');
  const world = add(`IFCAXIS2PLACEMENT3D(#${origin},$,$)`);
  const ctx = add(`IFCGEOMETRICREPRESENTATIONCONTEXT('Model','Model',3,1.E-05,#${world},$)`);
  const unit = add('IFCSIUNIT(*,.LENGTHUNIT.,$,.METRE.)');
  const units = add(`IFCUNITASSIGNMENT((#${unit}))`);
  const project = add(`IFCPROJECT('${guid(1)}',$,'Synthetic',$,$,$,$,(#${ctx}),#${units})`);
  const sitePl = add(`IFCLOCALPLACEMENT($,#${world})`);
  const site = add(`IFCSITE('${guid(2)}',$,'Site',$,$,#${sitePl},$,$,.ELEMENT.,$,$,$,$,$)`);
  const storeyPl = add(`IFCLOCALPLACEMENT(#${sitePl},#${world})`);
  const storey = add(`IFCBUILDINGSTOREY('${guid(3)}',$,'Level 0',$,$,#${storeyPl},$,$,.ELEMENT.,0.)`);
  add(`IFCRELAGGREGATES('${guid(4)}',$,$,$,#${project},(#${site}))`);
  add(`IFCRELAGGREGATES('${guid(5)}',$,$,$,#${site},(#${storey}))`);
  const walls: number[] = [];
  let bytes = lines.join('\n').length;
  for (let n = 0; bytes < mb * 1024 * 1024; n++) {
    const start = lines.length;
    const x = (n % 200) * 1.5;
    const y = Math.floor(n / 200) * 1.5;
    const p = add(`IFCCARTESIANPOINT((${x.toFixed(1)},${y.toFixed(1)},0.))`);
    const ax = add(`IFCAXIS2PLACEMENT3D(#${p},$,$)`);
    const pl = add(`IFCLOCALPLACEMENT(#${storeyPl},#${ax})`);
    const p2 = add('IFCCARTESIANPOINT((0.,0.))');
    const ax2 = add(`IFCAXIS2PLACEMENT2D(#${p2},$)`);
    const prof = add(`IFCRECTANGLEPROFILEDEF(.AREA.,$,#${ax2},1.2,0.2)`);
    const dir = add('IFCDIRECTION((0.,0.,1.))');
    const solid = add(`IFCEXTRUDEDAREASOLID(#${prof},#${world},#${dir},3.)`);
    const rep = add(`IFCSHAPEREPRESENTATION(#${ctx},'Body','SweptSolid',(#${solid}))`);
    const shape = add(`IFCPRODUCTDEFINITIONSHAPE($,$,(#${rep}))`);
    const wall = add(`IFCWALL('${guid(100 + n * 3)}',$,'Wall ${n}',$,$,#${pl},#${shape},$,.SOLIDWALL.)`);
    walls.push(wall);
    const props: number[] = [];
    for (let k = 0; k < 10; k++)
      props.push(
        add(`IFCPROPERTYSINGLEVALUE('Property ${k}',$,IFCLABEL('Synthetic value ${k} of wall ${n}, long enough to be realistic'),$)`),
      );
    const pset = add(`IFCPROPERTYSET('${guid(101 + n * 3)}',$,'Pset_Synthetic',$,(${props.map((i) => `#${i}`).join(',')}))`);
    add(`IFCRELDEFINESBYPROPERTIES('${guid(102 + n * 3)}',$,$,$,(#${wall}),#${pset})`);
    for (let i = start; i < lines.length; i++) bytes += lines[i]!.length + 1;
  }
  add(`IFCRELCONTAINEDINSPATIALSTRUCTURE('${guid(6)}',$,$,$,(${walls.map((w) => `#${w}`).join(',')}),#${storey})`);
  const text = `ISO-10303-21;\nHEADER;\nFILE_DESCRIPTION(('ViewDefinition [CoordinationView]'),'2;1');\nFILE_NAME('synthetic.ifc','2026-12-01T00:00:00',(''),(''),'','',$);\nFILE_SCHEMA(('IFC4'));\nENDSEC;\nDATA;\n${lines.join('\n')}\nENDSEC;\nEND-ISO-10303-21;\n`;
  return new TextEncoder().encode(text);
}
