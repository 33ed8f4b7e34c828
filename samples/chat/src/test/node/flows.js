// Autobahn|JS (WAMP v2) flows against the running chat sample, run by AutobahnJsFlowsTests.
// Usage: node flows.js ws://localhost:PORT/ws [--protocol=wamp.2.json|wamp.2.cbor] [flow ...]
// (wamp.2.json when no --protocol is given; every flow runs the same over either serialization)
// Prints one line per flow, "PASS <name>" or "FAIL <name>: <reason>", and exits 1 when any failed.
'use strict';

const WS = require('ws');

// Autobahn uses the global WebSocket (built into Node 22); on Node 20 it is the ws package's.
// A ws socket without an 'error' listener throws on a connection error: report it instead.
class ReportingWebSocket extends WS {
   constructor(url, protocols) {
      super(url, protocols);
      this.on('error', (error) => console.log('WS-ERROR ' + error.message));
   }
}
globalThis.WebSocket = ReportingWebSocket;

const autobahn = require('autobahn');

const url = process.argv[2];
const options = process.argv.slice(3).filter((arg) => arg.startsWith('--'));
const only = process.argv.slice(3).filter((arg) => !arg.startsWith('--'));
const protocolOption = options.find((arg) => arg.startsWith('--protocol='));
const protocol = protocolOption ? protocolOption.substring('--protocol='.length) : 'wamp.2.json';
const serializers = {
   'wamp.2.json': () => new autobahn.serializer.JSONSerializer(),
   'wamp.2.cbor': () => new autobahn.serializer.CBORSerializer()
};
if (!serializers[protocol]) {
   console.log('FAIL usage: unknown protocol ' + protocol);
   process.exit(2);
}
const TIMEOUT_MS = 30000;

function connect(options) {
   return new Promise((resolve, reject) => {
      const connection = new autobahn.Connection(Object.assign({
         url: url,
         realm: 'realm1',
         protocols: [protocol],
         serializers: [serializers[protocol]()],
         max_retries: 0,
         retry_if_unreachable: false
      }, options || {}));
      connection.onopen = (session, details) => resolve({ connection, session, details });
      connection.onclose = (reason, details) => {
         reject(new Error('closed before joining: ' + reason + ' ' + JSON.stringify(details)));
         return true; // no retry
      };
      connection.open();
   });
}

function check(condition, message) {
   if (!condition) {
      throw new Error(message);
   }
}

function equal(actual, expected, what) {
   const a = JSON.stringify(actual);
   const e = JSON.stringify(expected);
   check(a === e, what + ': expected ' + e + ' but got ' + a);
}

function nextEvent() {
   let resolveNext;
   const events = [];
   const waiting = [];
   const handler = (args, kwargs, details) => {
      const event = { args, kwargs, details };
      if (waiting.length > 0) {
         waiting.shift()(event);
      } else {
         events.push(event);
      }
   };
   handler.next = () => (events.length > 0) ? Promise.resolve(events.shift())
      : new Promise((resolve) => waiting.push(resolve));
   handler.count = () => events.length;
   return handler;
}

function sleep(ms) {
   return new Promise((resolve) => setTimeout(resolve, ms));
}

async function rejection(promise) {
   try {
      await promise;
   } catch (error) {
      return error;
   }
   throw new Error('expected a rejection');
}

const flows = {

   // Run with ROOM=chat/<room> against one node of a two-node (Redis) sample while a v1
   // client on the other node answers each "hello from autobahn" with "hello from v1".
   async twoNodeRoom() {
      const room = process.env.ROOM;
      check(room, 'ROOM is set');
      const { connection, session } = await connect();
      const replies = [];
      await session.subscribe(room, (args, kwargs) => {
         if (args && args[0] && args[0].type === 'message' && args[0].nick === 'v1') {
            replies.push({ args, kwargs });
         }
      });
      // the other node learns of this subscription through Redis: publish until its v1
      // client's answer arrives
      while (replies.length === 0) {
         await session.publish(room, [{ type: 'message', nick: 'autobahn', text: 'hello from autobahn' }], {},
            { acknowledge: true });
         await sleep(300);
      }
      equal(replies[0].args, [{ type: 'message', nick: 'v1', text: 'hello from v1' }], 'the v1 answer as [event]');
      check(!replies[0].kwargs || Object.keys(replies[0].kwargs).length === 0, 'no kwargs');
      connection.close();
   },

   async welcome() {
      const { connection, session, details } = await connect();
      // a safe integer: a number, not a BigInt, whatever the serialization
      check(Number.isSafeInteger(session.id) && session.id >= 1, 'session id ' + session.id);
      equal(details.realm, 'realm1', 'realm');
      equal(details.transport.protocol, protocol, 'negotiated subprotocol');
      equal(details.authrole, 'anonymous', 'authrole');
      check(details.roles.broker && details.roles.dealer, 'broker and dealer roles');
      check(session.features.publisher.publisher_exclusion === true, 'publisher_exclusion negotiated');
      connection.close();
   },

   async unknownRealm() {
      const error = await rejection(connect({ realm: 'nowhere' }));
      check(/no_such_realm|closed before joining/.test(error.message), error.message);
   },

   async callBean() {
      const { connection, session } = await connect();
      equal(await session.call('sample/sum', [1, 2, 3]), 6, 'sample/sum');
      // numbers come back as numbers (the sum is a BigInteger or BigDecimal on the server)
      const large = await session.call('sample/sum', [2 ** 40, 1]);
      check(typeof large === 'number' && large === 2 ** 40 + 1, 'large sum ' + typeof large);
      const fraction = await session.call('sample/sum', [0.5, 0.25]);
      check(typeof fraction === 'number' && fraction === 0.75, 'fraction ' + typeof fraction);
      equal(await session.call('sample/echo', [{ a: [1, 'x'] }]), { a: [1, 'x'] }, 'sample/echo');
      connection.close();
   },

   async keywordArguments() {
      const { connection, session } = await connect();
      equal(await session.call('sample/greet', [], { name: 'Ann' }), 'Hello, Ann!', 'greet by name');
      equal(await session.call('sample/greet', [], { name: 'Ann', greeting: 'Hi' }), 'Hi, Ann!', 'both by name');
      equal(await session.call('sample/greet', ['Bob']), 'Hello, Bob!', 'greet by position');
      equal(await session.call('sample/greet', ['Bob'], { greeting: 'Hey' }), 'Hey, Bob!', 'mixed');
      const error = await rejection(session.call('sample/greet', [], { nom: 'x' }));
      equal(error.error, 'wamp.error.invalid_argument', 'unknown keyword');
      connection.close();
   },

   async applicationError() {
      const { connection, session } = await connect();
      const error = await rejection(session.call('sample/fail'));
      equal(error.error, 'http://example.com/error#sample-failure', 'error URI');
      equal(error.args, ['sample/fail always fails'], 'description as the argument');
      const missing = await rejection(session.call('sample/nothing'));
      equal(missing.error, 'wamp.error.no_such_procedure', 'unknown procedure');
      equal(missing.kwargs.uri, 'sample/nothing', 'details as kwargs');
      connection.close();
   },

   async fluxAsList() {
      const { connection, session } = await connect();
      equal(await session.call('sample/countdown', [3]), [3, 2, 1], 'countdown without progress');
      equal(await session.call('sample/slow', [20]), 20, 'slow');
      connection.close();
   },

   async publishAndSubscribe() {
      const a = await connect();
      const b = await connect();
      const onA = nextEvent();
      const onB = nextEvent();
      await a.session.subscribe('chat/autobahn', onA);
      await b.session.subscribe('chat/autobahn', onB);
      // the room announces each newcomer; skip those
      const publication = await a.session.publish('chat/autobahn', ['hi'], {}, { acknowledge: true });
      check(Number.isInteger(publication.id), 'publication id');
      let event = await onB.next();
      while (event.args[0] && event.args[0].type === 'presence') {
         event = await onB.next();
      }
      equal(event.args, ['hi'], 'event args');
      equal(event.details.publication, publication.id, 'publication id in the event');
      await b.session.publish('chat/autobahn', [1, 2], { k: 'v' }, { acknowledge: true, exclude_me: false });
      event = await onB.next();
      while (event.args[0] && event.args[0].type === 'presence') {
         event = await onB.next();
      }
      equal(event.args, [1, 2], 'own event args (exclude_me false)');
      equal(event.kwargs, { k: 'v' }, 'own event kwargs');
      await a.session.publish('chat/autobahn', ['private'], {}, { acknowledge: true, eligible: [b.session.id], disclose_me: true });
      event = await onB.next();
      equal(event.args, ['private'], 'eligible event');
      equal(event.details.publisher, a.session.id, 'disclosed publisher');
      a.connection.close();
      b.connection.close();
   },

   async unsubscribe() {
      const { connection, session } = await connect();
      const subscription = await session.subscribe('chat/autobahn-leave', () => {});
      await session.unsubscribe(subscription);
      const error = await rejection(session.subscribe('no/such/topic', () => {}));
      equal(error.error, 'wamp.error.no_such_topic', 'subscribe to a topic nobody serves');
      connection.close();
   },

   async clock() {
      const { connection, session } = await connect();
      const onTick = nextEvent();
      await session.subscribe('sample/clock', onTick);
      const tick = await onTick.next();
      check(typeof tick.args[0].time === 'string', 'periodic event ' + JSON.stringify(tick.args));
      connection.close();
   },

   async clientCallee() {
      const callee = await connect();
      const caller = await connect();
      const registration = await callee.session.register('com.example.add', (args, kwargs) => args[0] + args[1] + ((kwargs && kwargs.c) || 0));
      check(Number.isInteger(registration.id), 'registration id');
      equal(await caller.session.call('com.example.add', [2, 3]), 5, 'call reaches the client callee');
      equal(await caller.session.call('com.example.add', [2, 3], { c: 4 }), 9, 'kwargs reach the callee');
      await callee.session.register('com.example.fails', () => {
         throw new autobahn.Error('com.example.error.nope', ['no way'], { why: 'test' });
      });
      const error = await rejection(caller.session.call('com.example.fails'));
      equal(error.error, 'com.example.error.nope', 'callee error URI');
      equal(error.args, ['no way'], 'callee error args');
      equal(error.kwargs, { why: 'test' }, 'callee error kwargs');
      await registration.unregister();
      const gone = await rejection(caller.session.call('com.example.add', [1, 1]));
      equal(gone.error, 'wamp.error.no_such_procedure', 'unregistered');
      callee.connection.close();
      caller.connection.close();
   },

   async beanNameHasAnOwner() {
      const { connection, session } = await connect();
      const error = await rejection(session.register('sample/sum', () => 0));
      equal(error.error, 'wamp.error.procedure_already_exists', 'a bean serves sample/sum');
      await session.register('com.example.once', () => 1);
      const other = await connect();
      const again = await rejection(other.session.register('com.example.once', () => 2));
      equal(again.error, 'wamp.error.procedure_already_exists', 'registered by another session');
      connection.close();
      other.connection.close();
   },

   async calleeLeaving() {
      const callee = await connect();
      const caller = await connect();
      let invoked;
      const invokedPromise = new Promise((resolve) => { invoked = resolve; });
      await callee.session.register('com.example.never', () => {
         invoked();
         return new Promise(() => {});
      });
      const pending = rejection(caller.session.call('com.example.never'));
      await invokedPromise;
      callee.connection.close();
      const error = await pending;
      equal(error.error, 'wamp.error.canceled', 'pending call fails when the callee leaves');
      caller.connection.close();
   },

   async progressiveResults() {
      const { connection, session } = await connect();
      const parts = [];
      const final = await session.call('sample/countdown', [3], {}, { receive_progress: true })
         .then((result) => result, (error) => { throw error; }, (part) => parts.push(part));
      equal(parts, [3, 2, 1], 'progressive results');
      check(final === undefined || final === null, 'final result without arguments: ' + JSON.stringify(final));
      equal(await session.call('sample/countdown', [2]), [2, 1], 'the list without receive_progress');
      connection.close();
   },

   async callTimeout() {
      const { connection, session } = await connect();
      const error = await rejection(session.call('sample/slow', [5000], {}, { timeout: 100 }));
      equal(error.error, 'wamp.error.timeout', 'the caller\'s timeout');
      equal(await session.call('sample/slow', [10], {}, { timeout: 5000 }), 10, 'within the timeout');
      connection.close();
   },

   async cancelCall() {
      const { connection, session } = await connect();
      const call = session.call('sample/slow', [5000]);
      setTimeout(() => call.cancel({ mode: 'kill' }), 100);
      const error = await rejection(call);
      equal(error.error, 'wamp.error.canceled', 'cancelled with mode kill');
      const skipped = session.call('sample/slow', [5000]);
      skipped.cancel({ mode: 'skip' });
      await rejection(skipped);
      equal(await session.call('sample/sum', [1, 1]), 2, 'the session stays usable');
      connection.close();
   },

   async patternSubscriptions() {
      const a = await connect();
      const b = await connect();
      const onPrefix = nextEvent();
      await a.session.subscribe('chat/pattern', onPrefix, { match: 'prefix' });
      await b.session.subscribe('chat/pattern-room', () => {});
      await b.session.publish('chat/pattern-room', ['to a prefix'], {}, { acknowledge: true });
      let event = await onPrefix.next();
      while (event.args[0] && event.args[0].type === 'presence') {
         event = await onPrefix.next();
      }
      equal(event.args, ['to a prefix'], 'prefix subscription');
      equal(event.details.topic, 'chat/pattern-room', 'the concrete topic in the details');
      a.connection.close();
      b.connection.close();
   },

   async sessionMeta() {
      const watcher = await connect();
      const onJoin = nextEvent();
      const onLeave = nextEvent();
      await watcher.session.subscribe('wamp.session.on_join', onJoin);
      await watcher.session.subscribe('wamp.session.on_leave', onLeave);
      const other = await connect();
      const joined = await onJoin.next();
      equal(joined.args[0].session, other.session.id, 'on_join names the session');
      const count = await watcher.session.call('wamp.session.count');
      check(count >= 2, 'count ' + count);
      const list = await watcher.session.call('wamp.session.list');
      check(list.includes(other.session.id) && list.includes(watcher.session.id), 'list ' + JSON.stringify(list));
      const details = await watcher.session.call('wamp.session.get', [other.session.id]);
      equal(details.authrole, 'anonymous', 'get');
      const missing = await rejection(watcher.session.call('wamp.session.get', [1]));
      equal(missing.error, 'wamp.error.no_such_session', 'get of an unknown session');
      const otherId = other.session.id;
      other.connection.close();
      let left = await onLeave.next();
      while (left.args[0] !== otherId) {
         left = await onLeave.next();
      }
      check(left.args.length === 3, 'on_leave args ' + JSON.stringify(left.args));
      watcher.connection.close();
   },

   async ticketLogin() {
      const { connection, session, details } = await connect({
         authmethods: ['ticket'],
         authid: 'joe',
         onchallenge: (session, method, extra) => {
            equal(method, 'ticket', 'challenge method');
            return 'secret';
         }
      });
      equal(details.authid, 'joe', 'authid in WELCOME');
      equal(details.authmethod, 'ticket', 'authmethod in WELCOME');
      equal(details.authrole, 'user', 'authrole in WELCOME');
      equal(await session.call('sample/whoami'), 'joe', 'the login is the principal');
      connection.close();
   },

   async wrongTicket() {
      const error = await rejection(connect({
         authmethods: ['ticket'],
         authid: 'joe',
         onchallenge: () => 'not the ticket'
      }));
      check(/wamp\.error\.not_authorized/.test(error.message), error.message);
   },

   async wampcraLogin() {
      const { connection, session, details } = await connect({
         authmethods: ['wampcra'],
         authid: 'joe',
         onchallenge: (session, method, extra) => {
            equal(method, 'wampcra', 'challenge method');
            check(extra.salt === undefined, 'a plain secret has no salt');
            return autobahn.auth_cra.sign('secret', extra.challenge);
         }
      });
      equal(details.authid, 'joe', 'authid in WELCOME');
      equal(details.authmethod, 'wampcra', 'authmethod in WELCOME');
      equal(await session.call('sample/whoami'), 'joe', 'the login is the principal');
      connection.close();
   },

   async wampcraSalted() {
      const { connection, session, details } = await connect({
         authmethods: ['wampcra'],
         authid: 'peter',
         onchallenge: (session, method, extra) => {
            equal([extra.salt, extra.keylen, extra.iterations], ['salt123', 32, 1000], 'key derivation');
            const key = autobahn.auth_cra.derive_key('secret', extra.salt, extra.iterations, extra.keylen);
            return autobahn.auth_cra.sign(key, extra.challenge);
         }
      });
      equal(details.authid, 'peter', 'authid in WELCOME');
      equal(details.authmethod, 'wampcra', 'authmethod in WELCOME');
      equal(await session.call('sample/whoami'), 'peter', 'the login is the principal');
      connection.close();
   },

   async goodbye() {
      const { connection, session } = await connect();
      const closed = new Promise((resolve) => {
         connection.onclose = (reason, details) => {
            resolve(details);
            return true;
         };
      });
      session.leave('wamp.close.normal', 'done');
      const details = await closed;
      equal(details.reason, 'wamp.close.goodbye_and_out', 'router answers GOODBYE');
   }
};

async function main() {
   let failed = 0;
   for (const [name, flow] of Object.entries(flows)) {
      if (only.length > 0 && !only.includes(name)) {
         continue;
      }
      try {
         await Promise.race([flow(), sleep(TIMEOUT_MS).then(() => { throw new Error('timed out'); })]);
         console.log('PASS ' + name);
      } catch (error) {
         failed++;
         console.log('FAIL ' + name + ': ' + ((error && error.message) || JSON.stringify(error)));
      }
   }
   process.exit(failed > 0 ? 1 : 0);
}

process.on('unhandledRejection', (error) => console.log('UNHANDLED ' + ((error && error.message) || error)));
main();
