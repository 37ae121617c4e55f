/**
 * The fields the tree build reads of one segment or subsegment object, read in one pass over the keys the object
 * has. Why: parsed documents come in many shapes (each SDK, each kind of call, each outcome writes other keys),
 * so reading the ~24 fields the build needs by name from each object was a megamorphic property look-up per
 * field, absent ones included — about as costly as parsing the document. Walking the object's own keys once
 * (`for…in` over an object JSON.parse made loads each value by its slot) and keeping the ones we know in one
 * object of a fixed shape makes every later read monomorphic.
 *
 * The values are exactly what `raw.<field>` gives: a key JSON repeats keeps its last value, and a key the object
 * lacks reads as undefined. One instance is reused for every object of a load (`read` resets it).
 */
import type { RawSegment } from './types.ts';

export class SegmentFields {
  id: unknown = undefined;
  name: unknown = undefined;
  trace_id: unknown = undefined;
  parent_id: unknown = undefined;
  start_time: unknown = undefined;
  end_time: unknown = undefined;
  in_progress: unknown = undefined;
  type: unknown = undefined;
  namespace: unknown = undefined;
  origin: unknown = undefined;
  inferred: unknown = undefined;
  user: unknown = undefined;
  resource_arn: unknown = undefined;
  error: unknown = undefined;
  fault: unknown = undefined;
  throttle: unknown = undefined;
  cause: unknown = undefined;
  http: unknown = undefined;
  aws: unknown = undefined;
  sql: unknown = undefined;
  annotations: unknown = undefined;
  metadata: unknown = undefined;
  subsegments: unknown = undefined;
  links: unknown = undefined;

  /** Fills the fields from `raw` (an object: callers have checked it), forgetting the previous object's. */
  read(raw: RawSegment): this {
    this.id = undefined;
    this.name = undefined;
    this.trace_id = undefined;
    this.parent_id = undefined;
    this.start_time = undefined;
    this.end_time = undefined;
    this.in_progress = undefined;
    this.type = undefined;
    this.namespace = undefined;
    this.origin = undefined;
    this.inferred = undefined;
    this.user = undefined;
    this.resource_arn = undefined;
    this.error = undefined;
    this.fault = undefined;
    this.throttle = undefined;
    this.cause = undefined;
    this.http = undefined;
    this.aws = undefined;
    this.sql = undefined;
    this.annotations = undefined;
    this.metadata = undefined;
    this.subsegments = undefined;
    this.links = undefined;
    // `for…in` lists the enumerable keys, own and inherited, as `raw.<field>` finds them; JSON.parse and object
    // literals make objects with no non-enumerable keys of their own and a prototype (Object.prototype) whose keys
    // are none of these fields.
    for (const key in raw) {
      // The most frequent keys first (every span has the first four).
      switch (key) {
        case 'id':
          this.id = raw[key];
          break;
        case 'name':
          this.name = raw[key];
          break;
        case 'start_time':
          this.start_time = raw[key];
          break;
        case 'end_time':
          this.end_time = raw[key];
          break;
        case 'namespace':
          this.namespace = raw[key];
          break;
        case 'aws':
          this.aws = raw[key];
          break;
        case 'subsegments':
          this.subsegments = raw[key];
          break;
        case 'http':
          this.http = raw[key];
          break;
        case 'error':
          this.error = raw[key];
          break;
        case 'fault':
          this.fault = raw[key];
          break;
        case 'throttle':
          this.throttle = raw[key];
          break;
        case 'trace_id':
          this.trace_id = raw[key];
          break;
        case 'parent_id':
          this.parent_id = raw[key];
          break;
        case 'origin':
          this.origin = raw[key];
          break;
        case 'in_progress':
          this.in_progress = raw[key];
          break;
        case 'type':
          this.type = raw[key];
          break;
        case 'inferred':
          this.inferred = raw[key];
          break;
        case 'cause':
          this.cause = raw[key];
          break;
        case 'sql':
          this.sql = raw[key];
          break;
        case 'annotations':
          this.annotations = raw[key];
          break;
        case 'metadata':
          this.metadata = raw[key];
          break;
        case 'user':
          this.user = raw[key];
          break;
        case 'resource_arn':
          this.resource_arn = raw[key];
          break;
        case 'links':
          this.links = raw[key];
          break;
      }
    }
    return this;
  }
}
