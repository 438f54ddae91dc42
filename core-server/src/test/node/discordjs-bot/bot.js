'use strict';
// An unmodified discord.js 14 bot, driven by DiscordJsBotIT against a real core-server.
// Input (env): GUILDHALL_PORT, GUILDHALL_BOT_TOKEN, GUILDHALL_CHANNEL_ID, GUILDHALL_SCENARIO (default messages),
// GUILDHALL_MEMBER_ID (scenario moderation: the member the bot gives a role and kicks).
// Output: one JSON object per line on stdout ({"event": ...}); the test asserts these lines.
// Exit 0 after {"event":"done"}, 1 after {"event":"error"}; the test kills the process on its own timeout.

const {
  ActionRowBuilder,
  ButtonBuilder,
  ButtonStyle,
  ChannelType,
  Client,
  EmbedBuilder,
  Events,
  GatewayIntentBits,
  MessageFlags,
  PermissionFlagsBits,
  SlashCommandBuilder,
  WebhookClient,
} = require('discord.js');

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
const restApi = `http://127.0.0.1:${port}/api`;
const client = new Client({
  intents: [
    GatewayIntentBits.Guilds,
    GatewayIntentBits.GuildMembers,
    GatewayIntentBits.GuildModeration,
    GatewayIntentBits.GuildMessages,
    GatewayIntentBits.MessageContent,
    GatewayIntentBits.GuildMessageReactions,
  ],
  rest: { api: restApi },
});

client.on(Events.Error, fail);
// discord.js warns about payloads it cannot place (e.g. unknown channel types); the test fails on these lines
client.on(Events.Warn, (message) => emit({ event: 'warn', message }));
client.on(Events.ShardError, fail);
if (process.env.GUILDHALL_DEBUG) {
  client.on(Events.Debug, (m) => process.stderr.write(`${m}\n`));
  logRest(client.rest);
}

function logRest(rest) {
  if (process.env.GUILDHALL_DEBUG) {
    rest.on('response', (request, response) => {
      process.stderr.write(`[REST] ${request.method} ${request.path} -> ${response.status}\n`);
    });
  }
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

// Scenario "interactions": the bot registers guild slash commands (a bulk overwrite through
// application.commands.set, then one more through guild.commands.create) and answers what a user invokes: a reply
// that reads the options, a deferred reply that it edits and follows up, an ephemeral reply, and a reply with
// buttons whose clicks it answers (then it is done).
async function interactions() {
  client.once(Events.ClientReady, async (c) => {
    try {
      const guild = c.channels.cache.get(channelId).guild;
      const bulk = await c.application.commands.set([
        { name: 'slow', description: 'Answers later' },
        { name: 'whisper', description: 'Answers only you' },
        new SlashCommandBuilder().setName('vote').setDescription('Asks for a vote'),
      ], guild.id);
      await guild.commands.create(new SlashCommandBuilder().setName('hello').setDescription('Says hello')
        .addStringOption((o) => o.setName('name').setDescription('Who to greet').setRequired(true))
        .addIntegerOption((o) => o.setName('times').setDescription('How often').setMinValue(1).setMaxValue(3))
        .addUserOption((o) => o.setName('friend').setDescription('Who else to greet'))
        .addChannelOption((o) => o.setName('where').setDescription('Where to meet')));
      const all = await guild.commands.fetch();
      emit({
        event: 'commandsRegistered',
        bulk: bulk.map((cmd) => cmd.name),
        commands: all.map((cmd) => ({
          id: cmd.id,
          name: cmd.name,
          options: cmd.options.map((o) => ({ name: o.name, type: o.type, required: Boolean(o.required) })),
        })),
      });
    } catch (error) {
      fail(error);
    }
  });
  client.on(Events.InteractionCreate, async (interaction) => {
    try {
      if (interaction.isChatInputCommand()) {
        await answerCommand(interaction);
      } else if (interaction.isButton()) {
        await answerButton(interaction);
      }
    } catch (error) {
      fail(error);
    }
  });
}

async function answerCommand(interaction) {
  emit({
    event: 'interactionCreate',
    commandName: interaction.commandName,
    commandId: interaction.commandId,
    userId: interaction.user.id,
    memberId: interaction.member && interaction.member.id,
    guildId: interaction.guildId,
    channelId: interaction.channelId,
  });
  switch (interaction.commandName) {
    case 'hello': {
      const name = interaction.options.getString('name', true);
      const times = interaction.options.getInteger('times') ?? 1;
      // user and channel options resolve through the interaction's `resolved` users, members and channels
      const friend = interaction.options.getUser('friend');
      const friendMember = interaction.options.getMember('friend');
      const where = interaction.options.getChannel('where');
      const embed = new EmbedBuilder()
        .setTitle('Greeting')
        .setDescription(`Hello ${name}`)
        .setColor(0x5865f2)
        .addFields({ name: 'times', value: String(times), inline: true })
        .setFooter({ text: 'discord.js' })
        .setTimestamp(new Date('2020-01-01T00:00:00Z'));
      const response = await interaction.reply({
        content: `Hello ${name} x${times} from discord.js`,
        embeds: [embed],
        withResponse: true,
      });
      const message = response.resource.message;
      emit({
        event: 'helloReplied',
        name,
        times,
        friendId: friend && friend.id,
        friendName: friend && friend.username,
        friendJoinedAt: friendMember && friendMember.joinedTimestamp,
        whereId: where && where.id,
        whereName: where && where.name,
        callbackType: response.resource.type,
        responseMessageId: response.interaction.responseMessageId,
        canSend: interaction.appPermissions.has(PermissionFlagsBits.SendMessages),
        messageId: message.id,
        content: message.content,
      });
      break;
    }
    case 'slow': {
      await interaction.deferReply();
      emit({ event: 'deferred', deferred: interaction.deferred });
      const edited = await interaction.editReply('Done after a while');
      const followUp = await interaction.followUp('And one more thing');
      const secret = await interaction.followUp({ content: 'A secret follow-up', flags: MessageFlags.Ephemeral });
      emit({
        event: 'followedUp',
        editedId: edited.id,
        editedContent: edited.content,
        followUpId: followUp.id,
        followUpContent: followUp.content,
        secretId: secret.id,
        secretEphemeral: secret.flags.has(MessageFlags.Ephemeral),
      });
      break;
    }
    case 'whisper': {
      await interaction.reply({ content: 'Only you can see this', flags: MessageFlags.Ephemeral });
      const reply = await interaction.fetchReply();
      emit({ event: 'whispered', messageId: reply.id, ephemeral: reply.flags.has(MessageFlags.Ephemeral) });
      await interaction.deleteReply();
      emit({ event: 'whisperDeleted', messageId: reply.id });
      break;
    }
    case 'vote': {
      const row = new ActionRowBuilder().addComponents(
        new ButtonBuilder().setCustomId('vote-yes').setLabel('Yes').setStyle(ButtonStyle.Success),
        new ButtonBuilder().setCustomId('vote-no').setLabel('No').setStyle(ButtonStyle.Danger),
      );
      const response = await interaction.reply({ content: 'Vote?', components: [row], withResponse: true });
      emit({ event: 'voteAsked', messageId: response.resource.message.id });
      break;
    }
    default:
      await interaction.reply('unknown command');
  }
}

// "No" is answered with deferUpdate and an edit of the message through the interaction webhook (buttons stay);
// "Yes" with update, which removes the buttons and ends the scenario.
async function answerButton(interaction) {
  emit({
    event: 'buttonClicked',
    customId: interaction.customId,
    messageId: interaction.message.id,
    userId: interaction.user.id,
  });
  if (interaction.customId === 'vote-no') {
    await interaction.deferUpdate();
    const edited = await interaction.editReply({ content: `Not yet, says ${interaction.user.username}` });
    emit({ event: 'deferredUpdate', messageId: edited.id, content: edited.content, buttons: edited.components.length });
    return;
  }
  await interaction.update({ content: `Voted yes by ${interaction.user.username}`, components: [] });
  emit({ event: 'updated', messageId: interaction.message.id });
  finish();
}

// Scenario "webhooks": the bot creates a webhook in the channel through REST, then a WebhookClient built from the
// webhook's URL (in the form Discord shows it: discord.js parses only discord.com URLs; its REST points at
// core-server) sends with a username override and wait, edits and fetches its message and sends into a thread; the
// bot sees the webhook's message on its gateway and lists the webhooks.
async function webhooks() {
  client.once(Events.ClientReady, async (c) => {
    try {
      const channel = await c.channels.fetch(channelId);
      const webhook = await channel.createWebhook({ name: 'Announcer', reason: 'discord.js webhook test' });
      emit({
        event: 'webhookCreated',
        webhookId: webhook.id,
        name: webhook.name,
        channelId: webhook.channelId,
        tokenLength: webhook.token.length,
      });
      const hook = new WebhookClient(
        { url: `https://discord.com/api/webhooks/${webhook.id}/${webhook.token}` },
        { rest: { api: restApi } },
      );
      logRest(hook.rest);
      const seen = nextEvent(Events.MessageCreate, (m) => m.webhookId === webhook.id);
      const sent = await hook.send({
        content: 'Hello from a webhook',
        username: 'Herald',
        avatarURL: 'https://example.org/herald.png',
        embeds: [new EmbedBuilder().setTitle('News').setDescription('Nothing new').setColor(0xe67e22)],
      });
      emit({
        event: 'webhookSent',
        messageId: sent.id,
        content: sent.content,
        username: sent.author.username,
        webhookId: sent.webhook_id,
        channelId: sent.channel_id,
        embedTitle: sent.embeds[0] && sent.embeds[0].title,
      });
      const [message] = await seen;
      emit({
        event: 'webhookMessageCreate',
        messageId: message.id,
        username: message.author.username,
        webhookId: message.webhookId,
        content: message.content,
        embedTitle: message.embeds[0] && message.embeds[0].title,
        embedColor: message.embeds[0] && message.embeds[0].color,
      });
      const edited = await hook.editMessage(sent.id, { content: 'Hello again from a webhook' });
      const fetched = await hook.fetchMessage(sent.id);
      emit({ event: 'webhookEdited', messageId: edited.id, content: edited.content, fetchedContent: fetched.content });
      // into a thread of the channel (thread_id)
      const thread = await channel.threads.create({ name: 'webhook thread', type: ChannelType.PublicThread });
      const inThread = await hook.send({ content: 'Hello, thread', threadId: thread.id, username: 'Herald' });
      emit({ event: 'webhookSentToThread', threadId: thread.id, messageId: inThread.id, channelId: inThread.channel_id });
      const listed = await channel.fetchWebhooks();
      emit({ event: 'webhooksListed', webhookIds: [...listed.keys()] });
      hook.destroy();
      finish();
    } catch (error) {
      fail(error);
    }
  });
}

// Scenario "moderation": the bot starts a thread from its message, posts in it and archives it, creates and edits a
// role, fetches members over the gateway, gives the role to a member, times it out, kicks, bans and unbans it; each
// step is awaited as the discord.js event the gateway causes (threadCreate, messageUpdate of the starter,
// messageCreate in the thread, threadUpdate, roleCreate, roleUpdate, guildMembersChunk, guildMemberUpdate,
// guildMemberRemove, guildBanAdd, guildBanRemove).
async function moderation() {
  const memberId = required('GUILDHALL_MEMBER_ID');
  client.once(Events.ClientReady, async (c) => {
    try {
      const channel = await c.channels.fetch(channelId);
      const guild = channel.guild;
      const starter = await channel.send('Let us discuss');
      const threadCreated = nextEvent(Events.ThreadCreate, (t) => t.name === 'discussion');
      const starterUpdated = nextEvent(Events.MessageUpdate, (_old, m) => m.id === starter.id);
      const thread = await starter.startThread({ name: 'discussion', autoArchiveDuration: 60 });
      emit({
        event: 'threadStarted',
        threadId: thread.id,
        parentId: thread.parentId,
        ownerId: thread.ownerId,
        autoArchiveDuration: thread.autoArchiveDuration,
        archived: thread.archived,
        starterId: starter.id,
      });
      const [created, newlyCreated] = await threadCreated;
      emit({ event: 'threadCreate', threadId: created.id, parentId: created.parentId, newlyCreated });
      const [, updatedStarter] = await starterUpdated;
      emit({
        event: 'starterUpdated',
        hasThread: updatedStarter.hasThread,
        threadId: updatedStarter.thread && updatedStarter.thread.id,
      });

      const inThread = nextEvent(Events.MessageCreate, (m) => m.channelId === thread.id);
      const sent = await thread.send('first words in the thread');
      const [seen] = await inThread;
      emit({ event: 'threadMessage', messageId: sent.id, channelId: seen.channelId, content: seen.content });
      const threadUpdated = nextEvent(Events.ThreadUpdate, (_old, t) => t.id === thread.id && t.archived);
      await thread.setArchived(true, 'discussion paused');
      const [, archived] = await threadUpdated;
      emit({ event: 'threadUpdate', threadId: archived.id, archived: archived.archived });

      const roleCreated = nextEvent(Events.GuildRoleCreate, (r) => r.name === 'Helper');
      const role = await guild.roles.create({
        name: 'Helper',
        colors: { primaryColor: 0x3498db },
        hoist: true,
        mentionable: true,
        reason: 'helpers for the discussion',
      });
      const [createdRole] = await roleCreated;
      emit({
        event: 'roleCreate',
        roleId: role.id,
        eventRoleId: createdRole.id,
        color: createdRole.colors.primaryColor,
        hoist: createdRole.hoist,
        position: createdRole.position,
      });

      const roleUpdated = nextEvent(Events.GuildRoleUpdate, (_old, r) => r.id === role.id && r.name === 'Helpers');
      await role.edit({ name: 'Helpers', colors: { primaryColor: 0x2ecc71 } });
      const [, editedRole] = await roleUpdated;
      emit({ event: 'roleUpdate', roleId: editedRole.id, name: editedRole.name, color: editedRole.colors.primaryColor });

      // the gateway's Request Guild Members (op 8): the whole list, a name prefix, user ids
      const everyone = await guild.members.fetch();
      const byName = await guild.members.fetch({ query: 'djsvictim', limit: 5 });
      const byIds = await guild.members.fetch({ user: [memberId, c.user.id] });
      emit({
        event: 'membersFetched',
        all: [...everyone.keys()],
        byName: [...byName.keys()],
        byIds: [...byIds.keys()],
      });

      const member = await guild.members.fetch({ user: memberId, force: true });
      const memberUpdated = nextEvent(Events.GuildMemberUpdate, (_old, m) => m.id === memberId && m.roles.cache.has(role.id));
      await member.roles.add(role, 'a helper now');
      const [, updated] = await memberUpdated;
      emit({ event: 'guildMemberUpdate', userId: updated.id, roleIds: [...updated.roles.cache.keys()] });

      const timedOut = nextEvent(Events.GuildMemberUpdate,
        (_old, m) => m.id === memberId && m.communicationDisabledUntilTimestamp !== null);
      await member.timeout(60_000, 'cool down');
      const [, quiet] = await timedOut;
      emit({ event: 'timedOut', userId: quiet.id, until: quiet.communicationDisabledUntilTimestamp });

      const memberRemoved = nextEvent(Events.GuildMemberRemove, (m) => m.id === memberId);
      await member.kick('discussion over');
      const [removed] = await memberRemoved;
      emit({ event: 'guildMemberRemove', userId: removed.id, guildId: removed.guild.id });

      const banned = nextEvent(Events.GuildBanAdd, (b) => b.user.id === memberId);
      await guild.bans.create(memberId, { reason: 'for good', deleteMessageSeconds: 60 });
      const [ban] = await banned;
      const bans = await guild.bans.fetch();
      const unbanned = nextEvent(Events.GuildBanRemove, (b) => b.user.id === memberId);
      await guild.bans.remove(memberId, 'forgiven');
      await unbanned;
      emit({ event: 'banned', userId: ban.user.id, bannedIds: [...bans.keys()], reason: bans.first() && bans.first().reason });
      finish();
    } catch (error) {
      fail(error);
    }
  });
}

const scenarios = { messages, interactions, webhooks, moderation };

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
