CREATE TABLE `subscriber_topics` (
	`subscriber_id` text NOT NULL,
	`topic_id` text NOT NULL,
	`subscribed` integer NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	PRIMARY KEY(`subscriber_id`, `topic_id`),
	FOREIGN KEY (`subscriber_id`) REFERENCES `subscribers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
ALTER TABLE `consents` ADD `topic_id` text;--> statement-breakpoint
ALTER TABLE `subscribers` ADD `paused_until` integer;--> statement-breakpoint
ALTER TABLE `subscribers` ADD `pause_welcome_back` integer DEFAULT false NOT NULL;