// Name evidence (formats.md A.2.3, A.9 and the 2016+ object sections): node id <-> name and
// resource GUID -> friendly name. These entries feed the name dictionary; they are not drawn.
// Event recognizers add more evidence through their fields (`fromName(fromId)`, `peerName (id P)`).

import type { Recognizer } from './types.ts';

export const NAMES: Recognizer[] = [
  {
    id: 'names.startup-node', family: 'names', kind: 'node-name', comp: null, anchor: '<Node name=',
    re: /<Node name=['‘’](?<name>[^'‘’]+)['‘’] id=['‘’](?<id>\d+)['‘’]\s*\/>/,
    members: true, verified: 'V', ref: 'A.9 (S1 StartupConfig)',
    example: "<Node name='2012R2Node1' id='1'/>",
    expect: { name: '2012R2Node1', id: 1 },
    meaning: 'Node id and name from the startup configuration block.',
  },
  {
    id: 'names.object-manager-node', family: 'names', kind: 'node-name', comp: null, anchor: '<NODE id=',
    re: /<NODE id=['‘’](?<id>\d+)['‘’] name=['‘’](?<name>[^'‘’]+)['‘’]\s*\/>/,
    members: true, verified: 'V', ref: 'A.5.3 (S1 ObjectManager block)',
    example: "<NODE id='2' name='2012R2Node2'/>",
    expect: { name: '2012R2Node2', id: 2 },
    meaning: 'Node id and name from the object manager block.',
  },
  {
    id: 'names.remote-info', family: 'names', kind: 'node-name', comp: 'ReM', anchor: 'Remote info received from',
    re: /Remote info received from (?<id>\d+):(?<name>[^\s,.]+)/,
    verified: 'V', ref: 'A.9 (S1 line 511: the line is tagged [ReM])',
    example: '00000b50.00000810::2018/10/18-19:17:39.005 DBG [ReM] Remote info received from 1:2012R2Node2.',
    expect: { name: '2012R2Node2', id: 1 },
    meaning: 'Node id and name of a peer, from the join handshake.',
  },
  {
    id: 'names.resource-guid', family: 'names', kind: 'resource-name', comp: 'FM', anchor: 'Name for Resource',
    re: /\[FM\] Name for Resource (?<guid>[0-9a-fA-F-]{36}) is '(?<name>[^']*)'/,
    verified: 'V', ref: 'A.2.3 (S2)',
    example: "378.380::1999/06/09-18:00:51.193 [FM] Name for Resource 254ef0e5-1937-11d3-b3fe-00a0c986aa14 is 'Cluster IP Address'.",
    expect: { guid: '254ef0e5-1937-11d3-b3fe-00a0c986aa14', name: 'Cluster IP Address' },
    meaning: 'Windows 2000/2003: the friendly name of a resource GUID.',
  },
];
