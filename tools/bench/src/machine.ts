// What the benchmarks ran on: results mean little without it.
import { cpus, loadavg, release, totalmem, type } from 'node:os';
import type { MachineInfo } from './types';

export function describeMachine(neo4j: string): MachineInfo {
  const cpu = cpus();
  return {
    cpu: cpu[0]?.model.trim() ?? 'unknown',
    cores: cpu.length,
    memory_gb: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    os: `${type()} ${release()}`,
    node: process.version,
    neo4j,
    load_at_start: Math.round(loadavg()[0]! * 100) / 100,
  };
}
