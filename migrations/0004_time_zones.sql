ALTER TABLE `campaigns` ADD `local_send_time` text;--> statement-breakpoint
ALTER TABLE `campaigns` ADD `local_send_date` text;--> statement-breakpoint
ALTER TABLE `subscribers` ADD `time_zone` text;