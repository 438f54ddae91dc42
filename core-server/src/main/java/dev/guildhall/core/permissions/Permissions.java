package dev.guildhall.core.permissions;

/** Discord permission bits (the subset the skeleton uses by name) and the default @everyone set. */
public final class Permissions {
    public static final long CREATE_INSTANT_INVITE = 1L << 0;
    public static final long ADMINISTRATOR = 1L << 3;
    public static final long ADD_REACTIONS = 1L << 6;
    public static final long STREAM = 1L << 9;
    public static final long VIEW_CHANNEL = 1L << 10;
    public static final long SEND_MESSAGES = 1L << 11;
    public static final long EMBED_LINKS = 1L << 14;
    public static final long ATTACH_FILES = 1L << 15;
    public static final long READ_MESSAGE_HISTORY = 1L << 16;
    public static final long USE_EXTERNAL_EMOJIS = 1L << 18;
    public static final long CONNECT = 1L << 20;
    public static final long SPEAK = 1L << 21;
    public static final long USE_VAD = 1L << 25;
    public static final long CHANGE_NICKNAME = 1L << 26;
    public static final long USE_APPLICATION_COMMANDS = 1L << 31;
    public static final long REQUEST_TO_SPEAK = 1L << 32;
    public static final long MANAGE_THREADS = 1L << 34;
    public static final long CREATE_PUBLIC_THREADS = 1L << 35;
    public static final long CREATE_PRIVATE_THREADS = 1L << 36;
    public static final long USE_EXTERNAL_STICKERS = 1L << 37;
    public static final long SEND_MESSAGES_IN_THREADS = 1L << 38;
    public static final long USE_EMBEDDED_ACTIVITIES = 1L << 39;
    public static final long SEND_VOICE_MESSAGES = 1L << 46;
    public static final long SEND_POLLS = 1L << 49;

    /** Every permission bit currently defined by Discord (0..50). */
    public static final long ALL = (1L << 51) - 1;

    /** What @everyone may do in a new guild (Discord's default member permissions). */
    public static final long DEFAULT_EVERYONE = CREATE_INSTANT_INVITE | ADD_REACTIONS | STREAM | VIEW_CHANNEL
            | SEND_MESSAGES | EMBED_LINKS | ATTACH_FILES | READ_MESSAGE_HISTORY | USE_EXTERNAL_EMOJIS | CONNECT
            | SPEAK | USE_VAD | CHANGE_NICKNAME | USE_APPLICATION_COMMANDS | REQUEST_TO_SPEAK
            | CREATE_PUBLIC_THREADS | CREATE_PRIVATE_THREADS | USE_EXTERNAL_STICKERS | SEND_MESSAGES_IN_THREADS
            | USE_EMBEDDED_ACTIVITIES | SEND_VOICE_MESSAGES | SEND_POLLS;

    private Permissions() {
    }

    public static boolean has(long permissions, long required) {
        return (permissions & ADMINISTRATOR) != 0 || (permissions & required) == required;
    }
}
