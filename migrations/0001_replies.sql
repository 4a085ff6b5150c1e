CREATE TABLE `dev_inbox` (
	`id` text PRIMARY KEY NOT NULL,
	`from` text NOT NULL,
	`to` text NOT NULL,
	`subject` text NOT NULL,
	`text` text NOT NULL,
	`headers` text NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `replies` (
	`id` text PRIMARY KEY NOT NULL,
	`source` text NOT NULL,
	`message_ref` text NOT NULL,
	`subscriber_id` text,
	`sender_hash` text NOT NULL,
	`received_at` integer NOT NULL,
	`subject` text,
	`body` text,
	`class` text NOT NULL,
	`rule` text NOT NULL,
	`automatic` text,
	`auto_reply` text,
	`auto_reply_at` integer,
	`alerted_at` integer,
	`forwarded_at` integer,
	`unsubscribed_at` integer,
	`handled_at` integer,
	`body_deleted_at` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`subscriber_id`) REFERENCES `subscribers`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `replies_source_message_unique` ON `replies` (`source`,`message_ref`);--> statement-breakpoint
CREATE INDEX `replies_sender_auto_reply` ON `replies` (`sender_hash`,`auto_reply_at`);--> statement-breakpoint
CREATE INDEX `replies_subscriber` ON `replies` (`subscriber_id`);--> statement-breakpoint
CREATE INDEX `replies_queue` ON `replies` (`handled_at`,`received_at`);