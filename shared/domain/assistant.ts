export interface Assistant {
  id: number;
  tenant_id: string;
  name: string;
  description: string | null;
  instructions: string;
  model: string;
  voice: string;
  language: string | null;
  phone_numbers: string[];
  faq_knowledge_base: string | null;
  is_active: boolean;
  created_at: string;
  updated_at: string;
}
