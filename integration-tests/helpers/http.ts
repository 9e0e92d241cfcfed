import { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"

/** What the test runner's axios client answers; `data` is the parsed JSON body. */
export interface HttpResult {
  status: number
  data: any
}

export interface AuthHeaders {
  headers: Record<string, string>
}

/**
 * Awaits a request that must fail and returns its HTTP response. A request that succeeds fails the test with
 * the body it got, so a rule that stops being enforced shows up as "expected a failure, got 200 {…}".
 */
export async function failure(request: Promise<unknown>): Promise<HttpResult> {
  let succeeded: HttpResult | undefined
  try {
    succeeded = (await request) as HttpResult
  } catch (error: any) {
    if (!error?.response) {
      throw error
    }
    return { status: error.response.status, data: error.response.data }
  }
  throw new Error(`expected the request to fail, got ${succeeded.status}: ${JSON.stringify(succeeded.data)}`)
}

/** A 400 whose message contains every fragment (the offending field, the values it names). */
export async function expectBadRequest(request: Promise<unknown>, ...fragments: string[]): Promise<string> {
  const res = await failure(request)
  expect({ status: res.status, message: res.data?.message }).toEqual({
    status: 400,
    message: expect.any(String),
  })
  for (const fragment of fragments) {
    expect(res.data.message).toContain(fragment)
  }
  return res.data.message as string
}

export async function expectNotFound(request: Promise<unknown>, fragment?: string): Promise<void> {
  const res = await failure(request)
  expect(res.status).toBe(404)
  if (fragment) {
    expect(res.data.message).toContain(fragment)
  }
}

export async function expectUnauthorized(request: Promise<unknown>): Promise<void> {
  const res = await failure(request)
  expect(res.status).toBe(401)
}

export async function createCustomer(container: MedusaContainer, email: string, firstName = "Erika") {
  const customers = container.resolve(Modules.CUSTOMER)
  return customers.createCustomers({ email, first_name: firstName, last_name: "Mustermann" })
}

export async function createSalesChannel(container: MedusaContainer, name: string) {
  const channels = container.resolve(Modules.SALES_CHANNEL)
  return channels.createSalesChannels({ name })
}
