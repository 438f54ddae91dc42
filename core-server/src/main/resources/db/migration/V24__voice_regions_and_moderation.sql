-- Issue #4: a voice channel's rtc_region (null = automatic) and a member's server mute / deafen.
ALTER TABLE channels ADD COLUMN rtc_region text;
ALTER TABLE members ADD COLUMN mute boolean NOT NULL DEFAULT false;
ALTER TABLE members ADD COLUMN deaf boolean NOT NULL DEFAULT false;
