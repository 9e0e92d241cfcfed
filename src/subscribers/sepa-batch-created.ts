import { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { BillingEvents } from "../events"
import { sendPreNotifications } from "../workflows/collections/pre-notification-mail"

/** A direct-debit batch was generated: tell every debtor what will be collected, when, under which mandate. */
export default async function sepaBatchCreatedHandler({ event, container }: SubscriberArgs<{ id: string }>) {
  await sendPreNotifications(container, event.data.id)
}

export const config: SubscriberConfig = {
  event: BillingEvents.SEPA_BATCH_CREATED,
}
