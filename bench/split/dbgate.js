// dbgate.js FILE: split FILE with dbgate-query-splitter's streaming splitter
// (PostgreSQL options) and print the number of commands.  Run by run.sh with
// the package installed in a temporary directory (NODE_PATH).
'use strict';
const fs = require('fs');
const { postgreSplitterOptions } = require('dbgate-query-splitter');
const { splitQueryStream } = require('dbgate-query-splitter/lib/splitQueryStream');

const input = fs.createReadStream(process.argv[2], { encoding: 'utf8', highWaterMark: 65536 });
let n = 0;
splitQueryStream(input, postgreSplitterOptions)
	.on('data', () => { n++; })
	.on('end', () => { console.log(`${n} commands`); });
