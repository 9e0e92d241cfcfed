import { AbstractPaymentProvider, PaymentActions, PaymentSessionStatus } from "@medusajs/framework/utils"
import type {
  AuthorizePaymentInput,
  AuthorizePaymentOutput,
  CancelPaymentInput,
  CancelPaymentOutput,
  CapturePaymentInput,
  CapturePaymentOutput,
  DeletePaymentInput,
  DeletePaymentOutput,
  GetPaymentStatusInput,
  GetPaymentStatusOutput,
  InitiatePaymentInput,
  InitiatePaymentOutput,
  ProviderWebhookPayload,
  RefundPaymentInput,
  RefundPaymentOutput,
  RetrievePaymentInput,
  RetrievePaymentOutput,
  UpdatePaymentInput,
  UpdatePaymentOutput,
  WebhookActionResult,
} from "@medusajs/framework/types"

/**
 * A card provider for tests (the real Stripe API cannot be reached here). It takes the same session data
 * the plugin sends to Stripe — `payment_method`, `off_session`, `confirm` — and decides by the token:
 * a token starting with "pm_fail" is declined at authorization, "pm_capture_fails" fails at capture,
 * anything else is charged. Registered as "pp_billing-test_test" when BILLING_TEST_PAYMENT_PROVIDER=true.
 */
export class TestPaymentProviderService extends AbstractPaymentProvider {
  static override identifier = "billing-test"

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  constructor(container: any, options: Record<string, unknown> = {}) {
    super(container, options)
  }

  async initiatePayment(input: InitiatePaymentInput): Promise<InitiatePaymentOutput> {
    const data = input.data ?? {}
    if (typeof data.payment_method !== "string" || !data.payment_method) {
      throw new Error("payment_method: the test provider needs a stored payment method token")
    }
    return {
      id: `tpi_${data.session_id as string}`,
      status: PaymentSessionStatus.PENDING,
      data: { ...data, amount: String(input.amount), currency_code: input.currency_code, customer_id: input.context?.customer?.id ?? null },
    }
  }

  async authorizePayment(input: AuthorizePaymentInput): Promise<AuthorizePaymentOutput> {
    const token = String(input.data?.payment_method ?? "")
    if (token.startsWith("pm_fail")) {
      throw new Error(`card_declined: the card was declined (test token ${token})`)
    }
    return { status: PaymentSessionStatus.AUTHORIZED, data: { ...input.data, authorized: true } }
  }

  async capturePayment(input: CapturePaymentInput): Promise<CapturePaymentOutput> {
    if (input.data?.payment_method === "pm_capture_fails") {
      throw new Error("capture_failed: the test provider refuses to capture")
    }
    return { data: { ...input.data, captured: true } }
  }

  async cancelPayment(input: CancelPaymentInput): Promise<CancelPaymentOutput> {
    return { data: { ...input.data, cancelled: true } }
  }

  async deletePayment(input: DeletePaymentInput): Promise<DeletePaymentOutput> {
    return { data: input.data }
  }

  async getPaymentStatus(input: GetPaymentStatusInput): Promise<GetPaymentStatusOutput> {
    return { status: input.data?.captured ? PaymentSessionStatus.CAPTURED : PaymentSessionStatus.AUTHORIZED, data: input.data }
  }

  async refundPayment(input: RefundPaymentInput): Promise<RefundPaymentOutput> {
    return { data: { ...input.data, refunded: String(input.amount) } }
  }

  async retrievePayment(input: RetrievePaymentInput): Promise<RetrievePaymentOutput> {
    return { data: input.data }
  }

  async updatePayment(input: UpdatePaymentInput): Promise<UpdatePaymentOutput> {
    return { data: input.data }
  }

  async getWebhookActionAndData(_data: ProviderWebhookPayload["payload"]): Promise<WebhookActionResult> {
    return { action: PaymentActions.NOT_SUPPORTED }
  }
}
