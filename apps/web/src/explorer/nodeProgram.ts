// A Sigma node program that draws each kind in its own shape (circle, square,
// diamond, triangle, hexagon, star) with an optional rim, so kind and impact state
// never depend on colour alone. One point sprite per node; the fragment shader cuts
// the shape out with signed-distance functions (after Inigo Quilez's 2D SDFs).
import type { Attributes } from 'graphology-types';
import { NodeProgram } from 'sigma/rendering';
import type { NodeDisplayData, RenderParams } from 'sigma/types';
import { floatColor } from 'sigma/utils';

// The shapes' indices live with the shapes (kinds.ts), so code that only sets node
// attributes (the canvas's scene diff, the render benchmark) needs no WebGL.
export { SHAPE_INDEX } from './kinds';

const VERTEX = /* glsl */ `
attribute vec4 a_id;
attribute vec4 a_color;
attribute vec4 a_borderColor;
attribute vec2 a_position;
attribute float a_size;
attribute float a_borderSize;
attribute float a_shape;

uniform float u_sizeRatio;
uniform float u_pixelRatio;
uniform mat3 u_matrix;

varying vec4 v_color;
varying vec4 v_borderColor;
varying float v_border;
varying float v_shape;
varying float v_aa;

const float bias = 255.0 / 254.0;

void main() {
  gl_Position = vec4((u_matrix * vec3(a_position, 1)).xy, 0, 1);
  gl_PointSize = a_size / u_sizeRatio * u_pixelRatio * 2.0;
  v_aa = 1.2 / max(gl_PointSize, 1.0);
  v_border = a_borderSize * 0.5;
  v_shape = a_shape;
  #ifdef PICKING_MODE
  v_color = a_id;
  #else
  v_color = a_color;
  #endif
  v_borderColor = a_borderColor;
  v_color.a *= bias;
  v_borderColor.a *= bias;
}
`;

const FRAGMENT = /* glsl */ `
precision mediump float;

varying vec4 v_color;
varying vec4 v_borderColor;
varying float v_border;
varying float v_shape;
varying float v_aa;

const vec4 transparent = vec4(0.0, 0.0, 0.0, 0.0);

float sdTriangle(vec2 p, float r) {
  const float k = 1.7320508;
  p.y += 0.12;
  p.x = abs(p.x) - r;
  p.y = p.y + r / k;
  if (p.x + k * p.y > 0.0) p = vec2(p.x - k * p.y, -k * p.x - p.y) / 2.0;
  p.x -= clamp(p.x, -2.0 * r, 0.0);
  return -length(p) * sign(p.y);
}

float sdHexagon(vec2 p, float r) {
  const vec3 k = vec3(-0.866025404, 0.5, 0.577350269);
  p = abs(p);
  p -= 2.0 * min(dot(k.xy, p), 0.0) * k.xy;
  p -= vec2(clamp(p.x, -k.z * r, k.z * r), r);
  return length(p) * sign(p.y);
}

float sdStar5(vec2 p, float r, float rf) {
  const vec2 k1 = vec2(0.809016994375, -0.587785252292);
  const vec2 k2 = vec2(-0.809016994375, -0.587785252292);
  p.y += 0.04;
  p.x = abs(p.x);
  p -= 2.0 * max(dot(k1, p), 0.0) * k1;
  p -= 2.0 * max(dot(k2, p), 0.0) * k2;
  p.x = abs(p.x);
  p.y -= r;
  vec2 ba = rf * vec2(-k1.y, k1.x) - vec2(0.0, 1.0);
  float h = clamp(dot(p, ba) / dot(ba, ba), 0.0, r);
  return length(p - ba * h) * sign(p.y * ba.x - p.x * ba.y);
}

float shapeDistance(vec2 p) {
  if (v_shape < 0.5) return length(p) - 0.5;
  if (v_shape < 1.5) return max(abs(p.x), abs(p.y)) - 0.41;
  if (v_shape < 2.5) return (abs(p.x) + abs(p.y) - 0.5) * 0.7071;
  if (v_shape < 3.5) return sdTriangle(p, 0.45);
  if (v_shape < 4.5) return sdHexagon(p, 0.43);
  return sdStar5(p, 0.5, 0.45);
}

void main(void) {
  vec2 p = vec2(gl_PointCoord.x - 0.5, 0.5 - gl_PointCoord.y);
  float d = shapeDistance(p);
  #ifdef PICKING_MODE
  if (d > 0.0) discard;
  gl_FragColor = v_color;
  #else
  float coverage = 1.0 - smoothstep(-v_aa, 0.0, d);
  vec4 color = v_color;
  if (v_border > 0.0) color = mix(v_color, v_borderColor, smoothstep(-v_border - v_aa, -v_border, d));
  gl_FragColor = mix(transparent, color, coverage);
  #endif
}
`;

const { UNSIGNED_BYTE, FLOAT, POINTS } = WebGLRenderingContext;
const UNIFORMS = ['u_sizeRatio', 'u_pixelRatio', 'u_matrix'] as const;

interface ShapeData extends NodeDisplayData {
  shape?: number;
  borderColor?: string;
  borderSize?: number;
}

export class NodeShapeProgram<
  N extends Attributes = Attributes,
  E extends Attributes = Attributes,
  G extends Attributes = Attributes,
> extends NodeProgram<(typeof UNIFORMS)[number], N, E, G> {
  getDefinition() {
    return {
      VERTICES: 1,
      VERTEX_SHADER_SOURCE: VERTEX,
      FRAGMENT_SHADER_SOURCE: FRAGMENT,
      METHOD: POINTS,
      UNIFORMS,
      ATTRIBUTES: [
        { name: 'a_position', size: 2, type: FLOAT },
        { name: 'a_size', size: 1, type: FLOAT },
        { name: 'a_color', size: 4, type: UNSIGNED_BYTE, normalized: true },
        { name: 'a_id', size: 4, type: UNSIGNED_BYTE, normalized: true },
        { name: 'a_borderColor', size: 4, type: UNSIGNED_BYTE, normalized: true },
        { name: 'a_borderSize', size: 1, type: FLOAT },
        { name: 'a_shape', size: 1, type: FLOAT },
      ],
    };
  }

  processVisibleItem(nodeIndex: number, startIndex: number, data: NodeDisplayData): void {
    const d = data as ShapeData;
    const a = this.array;
    let i = startIndex;
    a[i++] = d.x;
    a[i++] = d.y;
    a[i++] = d.size;
    a[i++] = floatColor(d.color);
    a[i++] = nodeIndex;
    a[i++] = floatColor(d.borderColor ?? d.color);
    a[i++] = Math.min(0.9, Math.max(0, d.borderSize ?? 0));
    a[i] = d.shape ?? 0;
  }

  setUniforms(
    params: RenderParams,
    {
      gl,
      uniformLocations,
    }: { gl: WebGLRenderingContext; uniformLocations: Record<string, WebGLUniformLocation> },
  ): void {
    gl.uniform1f(uniformLocations.u_pixelRatio!, params.pixelRatio);
    gl.uniform1f(uniformLocations.u_sizeRatio!, params.sizeRatio);
    gl.uniformMatrix3fv(uniformLocations.u_matrix!, false, params.matrix);
  }
}
