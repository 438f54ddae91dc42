'use strict';
// An unmodified discord.js 14 bot, driven by DiscordJsBotIT against a real core-server.
// Input (env): GUILDHALL_PORT, GUILDHALL_BOT_TOKEN, GUILDHALL_CHANNEL_ID, GUILDHALL_SCENARIO (default messages).
// Output: one JSON object per line on stdout ({"event": ...}); the test asserts these lines.
// Exit 0 after {"event":"done"}, 1 after {"event":"error"}; the test kills the process on its own timeout.

const { Client, Events, GatewayIntentBits } = require('discord.js');

const port = required('GUILDHALL_PORT');
const token = required('GUILDHALL_BOT_TOKEN');
const channelId = required('GUILDHALL_CHANNEL_ID');
const scenarioName = process.env.GUILDHALL_SCENARIO || 'messages';

function required(name) {
  const value = process.env[name];
  if (!value) {
    emit({ event: 'error', message: `missing env ${name}` });
    process.exit(1);
  }
  return value;
}

function emit(line) {
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

function fail(error) {
  emit({
    event: 'error',
    message: String(error && error.message),
    code: error && error.code,
    status: error && error.status,
    method: error && error.method,
    url: error && error.url,
  });
  client.destroy().finally(() => process.exit(1));
}

// REST goes to the core-server; discord.js appends /v10. The gateway URL comes from GET /gateway/bot.
const client = new Client({
  intents: [
    GatewayIntentBits.Guilds,
    GatewayIntentBits.GuildMessages,
    GatewayIntentBits.MessageContent,
    GatewayIntentBits.GuildMessageReactions,
  ],
  rest: { api: `http://127.0.0.1:${port}/api` },
});

client.on(Events.Error, fail);
client.on(Events.ShardError, fail);
if (process.env.GUILDHALL_DEBUG) {
  client.on(Events.Debug, (m) => process.stderr.write(`${m}\n`));
  client.rest.on('response', (request, response) => {
    process.stderr.write(`[REST] ${request.method} ${request.path} -> ${response.status}\n`);
  });
}

client.once(Events.ClientReady, (c) => {
  emit({
    event: 'ready',
    userId: c.user.id,
    username: c.user.username,
    bot: c.user.bot,
    applicationId: c.application && c.application.id,
    guilds: c.guilds.cache.map((g) => ({ id: g.id, name: g.name, available: g.available })),
  });
});

// GUILD_CREATE of a guild listed in READY is "guildAvailable" in discord.js; of a guild joined later "guildCreate".
function guildLine(event, guild) {
  const channels = guild.channels.cache.map((ch) => ({ id: ch.id, name: ch.name, type: ch.type }));
  return { event, guildId: guild.id, name: guild.name, ownerId: guild.ownerId, memberCount: guild.memberCount, channels };
}
client.on(Events.GuildAvailable, (guild) => emit(guildLine('guildAvailable', guild)));
client.on(Events.GuildCreate, (guild) => emit(guildLine('guildCreate', guild)));

client.on(Events.MessageUpdate, (_old, message) => {
  emit({ event: 'messageUpdate', messageId: message.id, content: message.content });
});

client.on(Events.MessageDelete, (message) => {
  emit({ event: 'messageDelete', messageId: message.id, channelId: message.channelId });
});

client.on(Events.MessageReactionAdd, (reaction, user) => {
  emit({ event: 'messageReactionAdd', messageId: reaction.message.id, emoji: reaction.emoji.name, userId: user.id });
});

/** Resolves with the arguments of the next `name` event that matches; rejects after timeoutMs. */
function nextEvent(name, matches, timeoutMs = 15000) {
  return new Promise((resolve, reject) => {
    const listener = (...args) => {
      if (matches(...args)) {
        clearTimeout(timer);
        client.off(name, listener);
        resolve(args);
      }
    };
    const timer = setTimeout(() => {
      client.off(name, listener);
      reject(new Error(`no ${name} event within ${timeoutMs} ms`));
    }, timeoutMs);
    client.on(name, listener);
  });
}

// Scenario "messages": a user's message arrives; the bot replies, edits the reply, reacts to the user's message,
// reads channel, history, the message, its reactions, pins, the author and its member through REST, takes its
// reaction back and deletes its reply.
async function messages() {
  client.on(Events.MessageCreate, async (message) => {
    if (message.author.id === client.user.id || message.channelId !== channelId) {
      return;
    }
    emit({
      event: 'messageCreate',
      messageId: message.id,
      content: message.content,
      authorId: message.author.id,
      guildId: message.guildId,
      channelName: message.channel && message.channel.name,
    });
    try {
      const reply = await message.reply('pong from discord.js');
      emit({
        event: 'replied',
        messageId: reply.id,
        content: reply.content,
        referencedMessageId: reply.reference && reply.reference.messageId,
      });
      const edited = await reply.edit('pong (edited) from discord.js');
      emit({ event: 'edited', messageId: edited.id, content: edited.content, editedAt: edited.editedTimestamp });
      const reaction = await message.react('👍');
      emit({ event: 'reacted', messageId: message.id, emoji: reaction.emoji.name, me: reaction.me });

      // reads through REST
      await message.channel.sendTyping();
      emit({ event: 'typed', channelId: message.channelId });
      const channel = await client.channels.fetch(channelId, { force: true });
      emit({ event: 'channelFetched', channelId: channel.id, name: channel.name, type: channel.type });
      const history = await message.channel.messages.fetch({ limit: 10, cache: false });
      emit({ event: 'history', messageIds: [...history.keys()] });
      const fetched = await message.channel.messages.fetch({ message: message.id, force: true });
      emit({
        event: 'messageFetched',
        messageId: fetched.id,
        content: fetched.content,
        reactions: fetched.reactions.cache.map((r) => ({ emoji: r.emoji.name, count: r.count, me: r.me })),
      });
      const reactors = await reaction.users.fetch();
      emit({ event: 'reactionUsers', messageId: message.id, userIds: [...reactors.keys()] });
      const pins = await message.channel.messages.fetchPins();
      emit({ event: 'pins', messageIds: pins.items.map((p) => p.message.id), hasMore: pins.hasMore });
      const user = await client.users.fetch(message.author.id, { force: true });
      emit({ event: 'userFetched', userId: user.id, username: user.username, bot: user.bot });
      const member = await message.guild.members.fetch({ user: message.author.id, force: true });
      emit({ event: 'memberFetched', userId: member.id, joinedAt: member.joinedTimestamp, roles: member.roles.cache.size });

      // takes its reaction back; the MESSAGE_REACTION_REMOVE dispatch reaches discord.js
      const reactionRemoved = nextEvent(Events.MessageReactionRemove,
        (r, u) => r.message.id === message.id && u.id === client.user.id);
      await reaction.users.remove(client.user.id);
      await reactionRemoved;
      emit({ event: 'unreacted', messageId: message.id });

      const deleteDispatch = nextEvent(Events.MessageDelete, (m) => m.id === reply.id);
      await reply.delete();
      emit({ event: 'deleted', messageId: reply.id });
      await deleteDispatch; // the MESSAGE_DELETE dispatch may trail the REST answer; stay connected for it
      finish();
    } catch (error) {
      fail(error);
    }
  });
}

// EXTENSION POINT (interactions): slash commands are not implemented by core-server yet. When they are, add a
// scenario here (e.g. `interactions`: register a command through client.application.commands, listen to
// Events.InteractionCreate, reply/defer/follow up) and select it with GUILDHALL_SCENARIO from a new test method.
const scenarios = { messages };

function finish() {
  emit({ event: 'done' });
  client.destroy().finally(() => process.exit(0));
}

const scenario = scenarios[scenarioName];
if (!scenario) {
  emit({ event: 'error', message: `unknown scenario ${scenarioName}` });
  process.exit(1);
}

scenario()
  .then(() => client.login(token))
  .then(() => emit({ event: 'loggedIn' }))
  .catch(fail);

// The test reads stdout; if it goes away, do not linger.
process.stdin.on('end', () => client.destroy().finally(() => process.exit(2)));
process.stdin.resume();
