CREATE TABLE `campaign_reviews` (
	`id` text PRIMARY KEY NOT NULL,
	`campaign_id` text NOT NULL,
	`action` text NOT NULL,
	`account_id` text,
	`actor_name` text NOT NULL,
	`via` text NOT NULL,
	`comment` text,
	`content_hash` text NOT NULL,
	`at` integer NOT NULL,
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `campaign_reviews_campaign` ON `campaign_reviews` (`campaign_id`,`at`);--> statement-breakpoint
ALTER TABLE `accounts` ADD `title` text;--> statement-breakpoint
ALTER TABLE `campaigns` ADD `created_by` text;--> statement-breakpoint
ALTER TABLE `campaigns` ADD `updated_by` text;--> statement-breakpoint
ALTER TABLE `campaigns` ADD `review_state` text DEFAULT 'none' NOT NULL;--> statement-breakpoint
ALTER TABLE `campaigns` ADD `submitted_by` text;--> statement-breakpoint
ALTER TABLE `campaigns` ADD `submitted_at` integer;--> statement-breakpoint
ALTER TABLE `campaigns` ADD `approved_by` text;--> statement-breakpoint
ALTER TABLE `campaigns` ADD `approved_name` text;--> statement-breakpoint
ALTER TABLE `campaigns` ADD `approved_title` text;--> statement-breakpoint
ALTER TABLE `campaigns` ADD `approved_at` integer;--> statement-breakpoint
ALTER TABLE `campaigns` ADD `approved_hash` text;--> statement-breakpoint
ALTER TABLE `sends` ADD `unsubscribed_at` integer;--> statement-breakpoint
CREATE INDEX `sends_campaign_created` ON `sends` (`campaign_id`,`created_at`);