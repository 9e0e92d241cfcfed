import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { adminHeaders } from "../helpers/admin"

jest.setTimeout(60_000)

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    it("creates and lists projects", async () => {
      const auth = await adminHeaders(getContainer())
      const created = await api.post("/admin/billing/projects", { code: "box", name: "Box" }, auth)
      expect(created.status).toBe(201)
      const list = await api.get("/admin/billing/projects?q=Bo", auth)
      expect(list.data.projects.map((p: any) => p.code)).toEqual(["box"])
      const bad = await api.post("/admin/billing/projects", { code: "x" }, auth).catch((e: any) => e.response)
      expect(bad.status).toBe(400)
      console.log(bad.data)
      const unauth = await api.get("/admin/billing/projects").catch((e: any) => e.response)
      expect(unauth.status).toBe(401)
    })
  },
})
